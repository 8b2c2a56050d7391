"""An artist keeps their own page in the guide: the bio, the website and the works shown.

The hours, days and access are saved with `services.save_studio_details`, as organisers do.
"""

from __future__ import annotations

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.editions.models import Artist, Edition, Participation, ParticipationStatus, Work
from kunstrute.extensions import db
from kunstrute.media.models import MediaFile
from kunstrute.media.services import make_private, make_public
from kunstrute.timeutil import utcnow


def own_artist(user) -> Artist | None:
    """Return the artist whose page this user keeps, if any."""
    return db.session.scalar(sa.select(Artist).where(Artist.user_id == user.id))


def own_participation(artist: Artist) -> Participation | None:
    """Return the artist's accepted participation in their latest edition."""
    return db.session.scalar(
        sa.select(Participation).join(Edition)
        .where(Participation.artist_id == artist.id,
               Participation.status == ParticipationStatus.ACCEPTED)
        .order_by(Edition.year.desc()).limit(1))


def save_artist_page(*, artist: Artist, bio: str, bio_en: str, website: str,
                     actor=None) -> None:
    """Save what the artist says about themselves; flush."""
    artist.bio, artist.bio_en = bio.strip() or None, bio_en.strip() or None
    artist.website = website.strip() or None
    artist.updated_at = utcnow()
    record(actor=actor, action="artist.page_saved", obj=artist)
    db.session.flush()


def add_work(*, participation: Participation, image: MediaFile, title: str,
             year: int | None, technique: str, size: str) -> Work:
    """Show a new work last on the page; its image is public once processed; flush."""
    make_public(image)  # served (and listed) only once the job has made it READY
    work = Work(position=len(participation.works), image=image, title=title.strip(),
                year=year, technique=technique.strip() or None, size=size.strip() or None)
    participation.works.append(work)
    _touch(participation)
    db.session.flush()
    return work


def move_work(*, work: Work, offset: int) -> None:
    """Move a work one place up (-1) or down (+1) on the page; flush."""
    works = list(work.participation.works)
    index = works.index(work)
    target = max(0, min(len(works) - 1, index + offset))
    works.insert(target, works.pop(index))
    for position, item in enumerate(works):
        item.position = position
    _touch(work.participation)
    db.session.flush()


def remove_work(*, work: Work) -> None:
    """Take a work off the page; its image is no longer served publicly; flush."""
    participation = work.participation
    make_private(work.image)
    participation.works.remove(work)
    for position, item in enumerate(participation.works):
        item.position = position
    _touch(participation)
    db.session.flush()


def _touch(participation: Participation) -> None:
    """A change of works changes the guide's pages (and the offline copy's version)."""
    participation.updated_at = utcnow()
