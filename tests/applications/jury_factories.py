"""The jury's factories: jurors, a round, applications in review with works, scores."""

import secrets
from datetime import date
from itertools import count

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Artwork,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.auth.models import Role, User
from kunstrute.extensions import db
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus
from tests.editions.factories import municipality
from tests.media.factories import camera_exif, image_bytes, stored_image

_numbers = count(1)


def user(role: Role = Role.JUROR, *, email: str | None = None, name: str = "") -> User:
    """Return a user with a role; no password (these tests sign in with login_as)."""
    n = next(_numbers)
    found = User(email=email or f"{role.value}{n}@example.org", role=role, name=name,
                 password_hash="!")
    db.session.add(found)
    db.session.flush()
    return found


def jury_round(edition, *, jurors=(), scale=(1, 5), opens_on=date(2026, 11, 1),
               closes_on=date(2026, 12, 1), **kwargs) -> JuryRound:
    """Return the edition's round with these jurors as members."""
    found = JuryRound(edition=edition, scale_min=scale[0], scale_max=scale[1],
                      opens_on=opens_on, closes_on=closes_on, **kwargs)
    found.members = [JuryMember(user=j, order_seed=secrets.token_hex(16)) for j in jurors]
    db.session.add(found)
    db.session.flush()
    return found


def image(*, width: int = 1600, height: int = 1200, ready: bool = True) -> MediaFile:
    found = MediaFile(key=secrets.token_hex(16), kind=MediaKind.IMAGE,
                      status=MediaStatus.READY if ready else MediaStatus.PENDING,
                      original_name="Kari Nordmann - selvportrett.jpg", detected_format="JPEG",
                      size_bytes=1000, width=width, height=height)
    db.session.add(found)
    return found


def application(edition, *, name: str = "Kari Nordmann", email: str | None = None,
                status: ApplicationStatus = ApplicationStatus.UNDER_REVIEW, works: int = 3,
                disciplines=("ceramics",), municipality_name: str = "Lier", is_new=True,
                statement: str = "Leire, ild og tid.", real_images: bool = False,
                **kwargs) -> Application:
    """Return an application with its works; in review unless told otherwise.

    With real_images the works are stored and processed by the media service, from photos
    whose EXIF names the applicant; otherwise they are rows without files (faster).
    """
    n = next(_numbers)
    kwargs.setdefault("website", f"https://applicant{n}.example.org")
    kwargs.setdefault("address", f"Storgata {n}")
    kwargs.setdefault("phone", f"+47 900 00 {n:03d}")
    found = Application(
        edition=edition, user=user(Role.ARTIST), status=status, name=name,
        email=email or f"applicant{n}@example.org", studio_name="Verkstedet",
        postcode="3400", place="Lierbyen", municipality=municipality(municipality_name),
        disciplines=list(disciplines), statement=statement, is_new=is_new, **kwargs)
    make = _real_image(name) if real_images else image
    found.artworks = [Artwork(position=i, image=make(width=1200 + 400 * (i % 2),
                                                     height=1600 - 400 * (i % 2)),
                              title=f"Verk {i + 1}", year=2025, technique="Steingods",
                              size="30 × 20 cm") for i in range(works)]
    db.session.add(found)
    db.session.flush()
    return found


def _real_image(name: str):
    def make(*, width: int, height: int) -> MediaFile:
        data = image_bytes(width // 4, height // 4, exif=camera_exif(artist=name))
        return stored_image(data=data)
    return make


def score(application_, juror, value: int | None, *, abstained: bool = False,
          comment: str = "") -> JuryScore:
    found = JuryScore(application=application_, juror=juror, score=value,
                      abstained=abstained, comment=comment)
    db.session.add(found)
    db.session.flush()
    return found


def join(jury_round_: JuryRound, juror: User) -> JuryMember:
    """Add the juror to the round."""
    member = JuryMember(user=juror, order_seed=secrets.token_hex(16))
    jury_round_.members.append(member)
    db.session.flush()
    return member
