"""Factories of the core: municipalities, editions and participants (flushed, with defaults)."""

from datetime import date, datetime, time
from itertools import count

import sqlalchemy as sa

from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    LocationSource,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.editions.opening import set_opening
from kunstrute.editions.services import load_municipalities, save_edition
from kunstrute.extensions import db

_numbers = count(1)


def region(data_dir) -> None:
    """Load the sample region's municipalities."""
    load_municipalities(data_dir / "municipalities.csv")


def municipality(name: str = "Lier") -> Municipality:
    found = db.session.scalar(sa.select(Municipality).where(Municipality.name == name))
    if found is None:
        found = Municipality(name=name, lat=59.78, lon=10.24)
        db.session.add(found)
        db.session.flush()
    return found


def edition(year: int = 2027, *, published: bool = True, **kwargs):
    """Return an edition, published (on the public site) unless `published=False`."""
    kwargs.setdefault("starts_on", date(year, 9, 9))
    kwargs.setdefault("ends_on", date(year, 9, 19))
    kwargs.setdefault("opens_at", time(11))
    kwargs.setdefault("closes_at", time(17))
    found = save_edition(year=year, title=kwargs.pop("title", f"Kunst rett vest {year}"),
                         **kwargs)
    if published:  # set directly: a factory's object is not an organiser's act to audit
        found.published_at = datetime(year, 1, 15, 12)
        db.session.flush()
    return found


def participant(edition, *, name: str = "Åse Bjørnstad", email: str | None = None,
                bio: str | None = "Keramikk med glasur fra fjæra.",
                disciplines=("ceramics",), municipality_name: str = "Lier",
                address: str | None = None, lat: float | None = 59.78, lon: float | None = 10.24,
                catalogue_no: int | None = None, website: str | None = None,
                studio_name: str | None = "Atelier i hagen", new_this_year: bool = False,
                wheelchair_access: bool | None = None, studio: Studio | None = None,
                opens_at: time | None = None, closes_at: time | None = None,
                days=None) -> Participation:
    """Return an accepted participant; opens_at/closes_at/days give own hours and kept days."""
    n = next(_numbers)
    artist = Artist(name=name, email=email or f"artist{n}@example.org", slug=f"artist-{n}",
                    bio=bio, website=website)
    artist.disciplines = [ArtistDiscipline(discipline=d, position=i)
                          for i, d in enumerate(disciplines)]
    if studio is None:
        studio = Studio(name=studio_name, address=address or f"Gata {n}", postcode="3400",
                        place="Lier", municipality=municipality(municipality_name),
                        address_key=f"gata {n}|3400", lat=lat, lon=lon,
                        location_source=LocationSource.FILE if lat else LocationSource.MISSING,
                        wheelchair_access=wheelchair_access)
    p = Participation(artist=artist, edition=edition, studio=studio,
                      status=ParticipationStatus.ACCEPTED, new_this_year=new_this_year,
                      catalogue_no=catalogue_no or n)
    db.session.add(p)
    if opens_at or days:
        set_opening(participation=p, opens_at=opens_at, closes_at=closes_at, days=days)
    db.session.flush()
    return p
