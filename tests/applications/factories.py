"""Factories of applications: an application with its works, an artwork, an applicant."""

import secrets
from datetime import date, datetime, time, timedelta
from itertools import count

from kunstrute.applications.models import Application, ApplicationStatus, Artwork
from kunstrute.auth.models import Role, User
from kunstrute.extensions import db
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus
from kunstrute.timeutil import OSLO, utcnow
from tests.editions.factories import edition, municipality

_numbers = count(1)

STATEMENT = ("Jeg arbeider med leire fra fjæra og brenner den i en vedfyrt ovn. Formene "
             "kommer fra strandsteiner og drivved, og glasuren fra aske. Arbeidene handler om "
             "tid, om tidevann og om hvordan materialet bærer spor av stedet det kom fra.")


def applicant(email: str | None = None, *, name: str = "Kari Nordmann") -> User:
    """Return a signed-up artist whose address is confirmed (one who may apply)."""
    user = User(email=email or f"applicant{next(_numbers)}@example.org", name=name,
                password_hash="x", role=Role.ARTIST, email_confirmed_at=utcnow())
    db.session.add(user)
    db.session.flush()
    return user


def media_file(*, owner=None, kind=MediaKind.IMAGE, ready: bool = True, width: int = 1200,
               height: int = 900) -> MediaFile:
    """Return a stored-file row without a file (for pages that never open it)."""
    image = kind == MediaKind.IMAGE
    found = MediaFile(key=secrets.token_hex(16), kind=kind, owner_id=owner.id if owner else None,
                      status=MediaStatus.READY if ready else MediaStatus.PENDING,
                      original_name="verk.jpg" if image else "cv.pdf",
                      detected_format="JPEG" if image else "PDF", size_bytes=1000,
                      width=width if image else None, height=height if image else None)
    db.session.add(found)
    db.session.flush()
    return found


def artwork(application: Application, *, title: str = "Fjære", year: int | None = 2025,
            technique: str | None = "Steintøy", size: str | None = "30 × 20 cm",
            image: MediaFile | None = None) -> Artwork:
    """Return a work added last to the application."""
    work = Artwork(title=title, year=year, technique=technique, size=size,
                   image=image or media_file(owner=application.user),
                   position=len(application.artworks))
    application.artworks.append(work)
    db.session.flush()
    return work


def application(edition, user: User | None = None, *, works: int = 3, cv: bool = True,
                status: ApplicationStatus = ApplicationStatus.DRAFT,
                **fields) -> Application:
    """Return a complete application (ready to submit) in the given status."""
    user = user or applicant()
    values = {"name": user.name or "Kari Nordmann", "email": user.email, "phone": "900 00 000",
              "address": "Strandveien 3", "postcode": "3400", "place": "Lier",
              "municipality": municipality("Lier"), "disciplines": ["ceramics"],
              "statement": STATEMENT}
    values.update(fields)
    found = Application(edition=edition, user=user, status=status, **values)
    if cv:
        found.cv_file = media_file(owner=user, kind=MediaKind.PDF)
    if status != ApplicationStatus.DRAFT:
        found.submitted_at = utcnow()
    db.session.add(found)
    db.session.flush()
    for n in range(works):
        artwork(found, title=f"Verk {n + 1}")
    return found


def open_edition(year: int = 2027, *, opens_on=date(2026, 11, 1), closes_on=date(2027, 1, 15)):
    """Return an edition whose application window is open at the suite's "now"."""
    return edition(year, application_opens_on=opens_on, application_closes_on=closes_on)


def oslo_midnight_after(day: date) -> datetime:
    """Return the first moment after the end of that Oslo day (aware): the deadline passed."""
    return datetime.combine(day + timedelta(days=1), time(0, 0, 1), tzinfo=OSLO)
