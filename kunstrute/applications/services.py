"""The applicant's writes: start (or copy last year's), save, works, CV, submit, withdraw.

Keyword-only functions that flush; the view commits once, then queues the image jobs.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from kunstrute.applications.models import Application, ApplicationStatus, Artwork
from kunstrute.applications.queries import (
    application_for,
    artist_by_email,
    earlier_application,
    has_participated,
    window,
)
from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.media import services as media
from kunstrute.text import normalise_email
from kunstrute.timeutil import utcnow

MIN_WORKS, MAX_WORKS = 3, 5
#: Bounds of the artist statement, in characters.
STATEMENT_MIN, STATEMENT_MAX = 200, 3000
MAX_DISCIPLINES = 3
#: The contact and studio fields the details form saves as they are typed.
DETAIL_FIELDS = ("name", "email", "phone", "website", "studio_name", "address", "postcode",
                 "place", "municipality_id", "disciplines", "statement")
class DeadlinePassed(Exception):
    """The application window has closed: nothing can be submitted or changed any more."""


class TooManyWorks(ValueError):
    """An application holds at most MAX_WORKS works."""


def start_application(*, user, edition: Edition, language: str = "nb") -> Application:
    """Return the user's application to the edition, making a draft if there is none.

    A second request at the same moment (two tabs, a double click) meets the (edition, user)
    unique key: its savepoint is rolled back and it takes the first one's row.
    """
    found = application_for(user, edition)
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            application = Application(edition=edition, user=user, name=user.name or "",
                                      email=user.email, language=language, disciplines=[])
            db.session.add(application)
            application.change_status(ApplicationStatus.DRAFT, actor=user, detail="started")
    except IntegrityError:  # the other request's row won: use it
        return application_for(user, edition)
    _copy_earlier(application, user=user, edition=edition)
    db.session.flush()
    return application


def _copy_earlier(application: Application, *, user, edition: Edition) -> None:
    """Fill a new application from last year's application, or from the artist's page."""
    earlier = earlier_application(user, edition)
    if earlier is not None:
        for name in DETAIL_FIELDS:
            setattr(application, name, getattr(earlier, name))
        application.disciplines = list(earlier.disciplines or [])
        application.cv_file_id = earlier.cv_file_id
        application.copied_from_id = earlier.id
        _copy_works(application, earlier.artworks)
        return
    artist = artist_by_email(user.email)
    if artist is None:
        return
    application.name = artist.name
    application.phone, application.website = artist.phone, artist.website
    application.disciplines = artist.discipline_keys[:MAX_DISCIPLINES]
    application.statement = artist.bio or ""
    latest = max(artist.participations, key=lambda p: p.edition.year, default=None)
    if latest is not None and latest.studio is not None:
        studio = latest.studio
        application.studio_name, application.address = studio.name, studio.address
        application.postcode, application.place = studio.postcode, studio.place
        application.municipality_id = studio.municipality_id
        _copy_works(application, latest.works)


def _copy_works(application: Application, works) -> None:
    """Add new artworks pointing at the same images (the files are not copied)."""
    for position, work in enumerate(list(works)[:MAX_WORKS]):
        application.artworks.append(Artwork(
            position=position, image_id=work.image_id, title=work.title, year=work.year,
            technique=work.technique, size=work.size))


def check_open(application: Application) -> None:
    """Raise DeadlinePassed unless the application's window is open now."""
    found = window(application.edition)
    if found is None or not found.is_open:
        raise DeadlinePassed(_("The deadline has passed: the application can no longer be "
                               "submitted or changed."))


def save_details(*, application: Application, **values) -> None:
    """Save the contact, studio, disciplines and statement fields as typed (a draft)."""
    for name, value in values.items():
        if name not in DETAIL_FIELDS:
            raise TypeError(f"not a detail field: {name}")
        if name == "email":
            value = normalise_email(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(application, name, value)
    db.session.flush()


def add_artwork(*, application: Application, upload, owner, title: str = "",
                year: int | None = None, technique: str | None = None,
                size: str | None = None) -> Artwork:
    """Store the image and add it as the application's last work; raise UploadError."""
    if len(application.artworks) >= MAX_WORKS:
        raise TooManyWorks(_("An application has at most %(n)d works. Remove one first.",
                             n=MAX_WORKS))
    image = media.store_image(upload=upload, owner=owner)
    artwork = Artwork(image=image, position=_next_position(application))
    application.artworks.append(artwork)
    update_artwork(artwork=artwork, title=title, year=year, technique=technique, size=size)
    return artwork


def _next_position(application: Application) -> int:
    return max((a.position for a in application.artworks), default=-1) + 1


def update_artwork(*, artwork: Artwork, title: str = "", year: int | None = None,
                   technique: str | None = None, size: str | None = None) -> None:
    """Save a work's title, year, technique and size."""
    artwork.title = (title or "").strip()
    artwork.year = year
    artwork.technique = (technique or "").strip() or None
    artwork.size = (size or "").strip() or None
    db.session.flush()


def replace_image(*, artwork: Artwork, upload, owner) -> None:
    """Store a new image for the work; raise UploadError (the old one stays)."""
    artwork.image = media.store_image(upload=upload, owner=owner)
    db.session.flush()


def remove_artwork(*, artwork: Artwork) -> None:
    """Take the work out of the application and close the gap in the order."""
    application = artwork.application
    application.artworks.remove(artwork)
    _renumber(application.artworks)


def move_artwork(*, artwork: Artwork, step: int) -> None:
    """Move the work one place up (step -1) or down (+1) in the application's order."""
    works = sorted(artwork.application.artworks, key=lambda a: a.position)
    index = works.index(artwork)
    target = index + step
    if 0 <= target < len(works):
        works[index], works[target] = works[target], works[index]
    _renumber(works)


def _renumber(works: list[Artwork]) -> None:
    """Number the works 0, 1, … in the order given."""
    for position, work in enumerate(works):
        work.position = position
    db.session.flush()


def set_cv(*, application: Application, upload, owner) -> None:
    """Store the PDF as the application's CV; raise UploadError (the old one stays)."""
    application.cv_file = media.store_pdf(upload=upload, owner=owner)
    db.session.flush()


def submit(*, application: Application) -> bool:
    """Submit the application; return False if it already was (a second click, a second tab).

    Raise DeadlinePassed after the deadline. The caller has checked `problems` first. The
    row is claimed with one conditional UPDATE, so two requests at once submit it once and
    write one audit entry: the second waits for the first's row lock and then matches nothing.
    """
    check_open(application)
    now = utcnow()
    claimed = db.session.execute(
        sa.update(Application)
        .where(Application.id == application.id, Application.status == ApplicationStatus.DRAFT)
        .values(submitted_at=now, updated_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        db.session.refresh(application)
        return False
    db.session.refresh(application)
    application.is_new = not has_participated(email=application.email,
                                              user_id=application.user_id,
                                              before=application.edition)
    application.change_status(ApplicationStatus.SUBMITTED)
    return True


def withdraw(*, application: Application) -> None:
    """Withdraw the application (audited); raise TransitionError if it cannot be."""
    application.change_status(ApplicationStatus.WITHDRAWN)


def reopen(*, application: Application) -> None:
    """Take a withdrawn application up again as a draft, before the deadline."""
    check_open(application)
    application.change_status(ApplicationStatus.DRAFT, detail="taken up again")
