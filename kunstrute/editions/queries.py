"""Reads of the core that other packages use: the current edition, its artists and studios."""

import hashlib
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from kunstrute.editions.models import (
    Artist,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
    Work,
    edition_hosts,
)
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.geocoding.services import GeocoderChain, build_chain
from kunstrute.media.models import MediaFile, MediaStatus
from kunstrute.timeutil import oslo_today


def participating(edition: Edition):
    """Return the condition for an edition's accepted artists (the ones on the route)."""
    return sa.and_(Participation.edition_id == edition.id,
                   Participation.status == ParticipationStatus.ACCEPTED)


def studios_needing_attention(edition: Edition) -> list[Studio]:
    """Return this edition's studios without a pin or with an approximate one."""
    return list(db.session.scalars(
        sa.select(Studio)
        .join(Participation, Participation.studio_id == Studio.id)
        .where(Participation.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               Studio.location_source.in_([LocationSource.MISSING, LocationSource.GAZETTEER]))
        .options(selectinload(Studio.municipality),
                 selectinload(Studio.participations).selectinload(Participation.artist))
        .distinct()
        .order_by(Studio.id)
    ))


def edition_summary(edition: Edition) -> dict:
    """Return counts for the overview: artists, new ones, studios and placed studios."""
    accepted = participating(edition)
    artists = db.session.scalar(sa.select(sa.func.count()).where(accepted)) or 0
    new = db.session.scalar(sa.select(sa.func.count()).where(
        accepted, Participation.new_this_year.is_(True))) or 0
    studios = db.session.scalar(sa.select(sa.func.count(sa.distinct(Participation.studio_id)))
                                .where(accepted)) or 0
    return {"artists": artists, "new": new, "studios": studios}


def artists_by_municipality(edition: Edition) -> dict[str, int]:
    """Return {municipality: accepted artists} by their studio's municipality, by name.

    An artist without a studio (not on the map) is left out, as the guide leaves them out.
    """
    rows = db.session.execute(
        sa.select(Municipality.name, sa.func.count())
        .select_from(Participation)
        .join(Studio, Studio.id == Participation.studio_id)
        .join(Municipality, Municipality.id == Studio.municipality_id)
        .where(participating(edition))
        .group_by(Municipality.name))
    return {name: n for name, n in sorted(rows.all())}


def municipality_artists(edition: Edition, municipality: Municipality) -> list[Participation]:
    """Return the accepted artists whose studio is in the municipality, by catalogue number.

    The same artists that artists_by_municipality counts for it.
    """
    return list(db.session.scalars(
        sa.select(Participation)
        .join(Artist, Artist.id == Participation.artist_id)
        .join(Studio, Studio.id == Participation.studio_id)
        .where(participating(edition), Studio.municipality_id == municipality.id)
        .options(contains_eager(Participation.artist))
        .order_by(Participation.catalogue_no, Artist.name)))


def municipality_by_id(municipality_id: int) -> Municipality | None:
    return db.session.get(Municipality, municipality_id)


def host_names(edition: Edition) -> list[str]:
    """Return the names of the edition's host municipalities, by name."""
    return list(db.session.scalars(
        sa.select(Municipality.name).join(edition_hosts,
                                          edition_hosts.c.municipality_id == Municipality.id)
        .where(edition_hosts.c.edition_id == edition.id).order_by(Municipality.name)))


def edition_participations(edition: Edition) -> list[Participation]:
    """Return the edition's artists by catalogue number, with their own days loaded."""
    return list(db.session.scalars(
        sa.select(Participation)
        .join(Artist)
        .where(Participation.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED)
        .options(contains_eager(Participation.artist), selectinload(Participation.kept_days))
        .order_by(Participation.catalogue_no, Artist.name)
    ))


def current_edition() -> Edition | None:
    """Return the edition the public site shows: the latest published one."""
    return db.session.scalar(sa.select(Edition).where(Edition.published_at.is_not(None))
                             .order_by(Edition.year.desc()).limit(1))


def newest_edition() -> Edition | None:
    """Return the edition organisers work on by default: the latest, draft or published."""
    return db.session.scalar(sa.select(Edition).order_by(Edition.year.desc()).limit(1))


def all_editions() -> list[Edition]:
    """Return every edition, the newest first."""
    return list(db.session.scalars(sa.select(Edition).order_by(Edition.year.desc())))


def has_municipalities() -> bool:
    """Return whether any municipality is loaded (the importer needs them)."""
    return db.session.scalar(sa.select(Municipality.id).limit(1)) is not None


def edition_for_year(year: int) -> Edition | None:
    return db.session.scalar(sa.select(Edition).where(Edition.year == year))


def upcoming_year() -> int:
    """Return the year of the next route: this year until September is over."""
    today = oslo_today()
    return today.year if today.month <= 9 else today.year + 1


def participation_for_slug(edition: Edition, slug: str) -> Participation | None:
    """Return the artist's participation in this edition, with studio and disciplines loaded."""
    return db.session.scalar(
        sa.select(Participation)
        .join(Artist)
        .where(participating(edition), Artist.slug == slug)
        .options(
            selectinload(Participation.artist).selectinload(Artist.disciplines),
            selectinload(Participation.studio).selectinload(Studio.municipality),
        )
    )


def studio_mates(participation: Participation) -> list[Participation]:
    """Return the other artists of this edition who share the studio."""
    if participation.studio_id is None:
        return []
    return list(db.session.scalars(
        sa.select(Participation)
        .where(participating(participation.edition),
               Participation.studio_id == participation.studio_id,
               Participation.id != participation.id)
        .options(selectinload(Participation.artist))
        .order_by(Participation.catalogue_no)
    ))


def studios_to_geocode(*, include_approximate: bool) -> list[Studio]:
    """Return studios without coordinates, and approximate ones if asked, by id."""
    sources = [LocationSource.MISSING]
    if include_approximate:
        sources.append(LocationSource.GAZETTEER)
    return list(db.session.scalars(
        sa.select(Studio).where(Studio.location_source.in_(sources)).order_by(Studio.id)
    ))


def geocoder_chain(config, *, offline: bool = False, geocoder_class=None) -> GeocoderChain:
    """Return the app's geocoder chain, with the loaded municipalities' centres as fallback."""
    points = {m.name: (m.lat, m.lon) for m in db.session.scalars(sa.select(Municipality))
              if m.lat is not None and m.lon is not None}
    return build_chain(config, points=points, offline=offline, geocoder_class=geocoder_class)


def application_edition() -> Edition | None:
    """Return the edition artists apply to: the first whose window is open or opens next,
    else the one whose window closed last; None when no edition has a window."""
    today = oslo_today()
    with_window = sa.and_(Edition.application_opens_on.is_not(None),
                          Edition.application_closes_on.is_not(None))
    coming = db.session.scalar(
        sa.select(Edition).where(with_window, Edition.application_closes_on >= today)
        .order_by(Edition.application_opens_on, Edition.year).limit(1))
    if coming is not None:
        return coming
    return db.session.scalar(sa.select(Edition).where(with_window)
                             .order_by(Edition.application_closes_on.desc()).limit(1))


def all_municipalities() -> list[Municipality]:
    """Return every municipality by name, for a form's choice."""
    return list(db.session.scalars(sa.select(Municipality).order_by(Municipality.name)))


def _shown(query):
    """Limit a query on works to those whose image is ready and public."""
    return query.join(MediaFile, Work.image_id == MediaFile.id).where(
        MediaFile.public.is_(True), MediaFile.status == MediaStatus.READY)


def shown_works(participation: Participation) -> list[Work]:
    """Return the works on the artist's page, in the artist's order, with their images."""
    return list(db.session.scalars(
        _shown(sa.select(Work)).where(Work.participation_id == participation.id)
        .options(contains_eager(Work.image)).order_by(Work.position, Work.id)))


def first_works(participation_ids: list[int]) -> dict[int, tuple[str, int, int, str]]:
    """Return each participation's first shown work as (image key, width, height, title):
    plain rows, as the list and the map need them for thousands of artists."""
    if not participation_ids:
        return {}
    rows = db.session.execute(
        _shown(sa.select(Work.participation_id, MediaFile.key, MediaFile.width,
                         MediaFile.height, Work.title))
        .where(Work.participation_id.in_(participation_ids))
        .order_by(Work.participation_id, Work.position, Work.id))
    first: dict[int, tuple[str, int, int, str]] = {}
    for participation_id, key, width, height, title in rows:
        first.setdefault(participation_id, (key, width or 0, height or 0, title))
    return first


def _day_rank(day: date, *parts: int) -> str:
    return hashlib.sha256(f"{day.isoformat()}:{':'.join(map(str, parts))}".encode()).hexdigest()


def work_selection(edition: Edition, *, day: date, limit: int = 8) -> list[Work]:
    """Return up to `limit` works, one per artist, chosen afresh each day (the same all day)."""
    pairs = db.session.execute(
        _shown(sa.select(Work.id, Work.participation_id)).join(
            Participation, Work.participation_id == Participation.id)
        .where(participating(edition))).all()
    per_artist: dict[int, list[int]] = {}
    for work_id, participation_id in pairs:
        per_artist.setdefault(participation_id, []).append(work_id)
    artists = sorted(per_artist, key=lambda pid: _day_rank(day, pid))[:limit]
    chosen = [min(per_artist[pid], key=lambda wid: _day_rank(day, pid, wid)) for pid in artists]
    works = {w.id: w for w in db.session.scalars(
        sa.select(Work).where(Work.id.in_(chosen))
        .options(selectinload(Work.image),
                 selectinload(Work.participation).selectinload(Participation.artist)))}
    return [works[wid] for wid in chosen]


def values_by_owner(key, value, ids: list[int], *, order) -> dict[int, list]:
    """Return {owner id: [value, …]} for these ids, in order (an artist's disciplines, a
    participation's kept days): one query per 5,000 ids, whatever the number of rows."""
    grouped: dict[int, list] = defaultdict(list)
    for start in range(0, len(ids), 5000):
        for owner, item in db.session.execute(
                sa.select(key, value).where(key.in_(ids[start:start + 5000]))
                .order_by(key, order)):
            grouped[owner].append(item)
    return grouped
