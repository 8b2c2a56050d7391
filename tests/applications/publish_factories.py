"""Factories for publishing: decided applications with artworks, their round and images.

Images are MediaFile rows made READY directly (no file on disk): publishing and the guide
only need their sizes and keys. Tests that need real files use tests/media/factories.py.
"""

from __future__ import annotations

import secrets
from itertools import count

import sqlalchemy as sa

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Artwork,
    Decision,
    JuryRound,
)
from kunstrute.auth.models import Role, User
from kunstrute.editions.models import Work
from kunstrute.extensions import db
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus
from tests.editions.factories import municipality

_numbers = count(1)


def user(email: str, *, role: Role = Role.ARTIST, name: str = "") -> User:
    found = db.session.scalar(sa.select(User).where(User.email == email))
    if found is None:
        found = User(email=email, password_hash="x", role=role, name=name)
        db.session.add(found)
        db.session.flush()
    return found


def image(*, width: int = 1600, height: int = 1200, public: bool = False,
          owner: User | None = None) -> MediaFile:
    """Return a READY image as the media job leaves it."""
    file = MediaFile(key=secrets.token_hex(16), kind=MediaKind.IMAGE, status=MediaStatus.READY,
                     detected_format="JPEG", size_bytes=200_000, width=width, height=height,
                     public=public, owner_id=owner.id if owner else None)
    db.session.add(file)
    db.session.flush()
    return file


def jury_round(edition) -> JuryRound:
    found = db.session.scalar(sa.select(JuryRound).where(JuryRound.edition_id == edition.id))
    if found is None:
        found = JuryRound(edition=edition)
        db.session.add(found)
        db.session.flush()
    return found


def application(edition, *, name: str = "Ida Berg", email: str | None = None,
                decision: Decision | None = Decision.ACCEPTED,
                status: ApplicationStatus = ApplicationStatus.UNDER_REVIEW,
                municipality_name: str = "Lier", address: str | None = None,
                postcode: str = "3400", works=("Fjord", "Lys", "Stein"),
                shown: tuple[bool, ...] | None = None, language: str = "nb",
                disciplines=("painting",)) -> Application:
    """Return an application with one artwork per title, under review with a decision."""
    n = next(_numbers)
    email = email or f"applicant{n}@example.org"
    owner = user(email, name=name)
    app = Application(edition=edition, user=owner, status=status, name=name, email=email,
                      website=f"https://example.org/{n}", studio_name="Verkstedet",
                      address=address or f"Søknadsveien {n}", postcode=postcode, place="Lier",
                      municipality=municipality(municipality_name), disciplines=list(disciplines),
                      statement="Jeg maler lys.", language=language, decision=decision)
    shown = shown or (True,) * len(works)
    for position, (title, show) in enumerate(zip(works, shown, strict=True)):
        app.artworks.append(Artwork(position=position, title=title, year=2025,
                                    technique="Olje på lerret", size="60 × 80 cm",
                                    show_in_guide=show,
                                    image=image(owner=owner, width=1200 + 200 * position,
                                                height=1600 - 200 * position)))
    db.session.add(app)
    db.session.flush()
    return app


def work(participation, title: str = "Fjord", *, width: int = 1600, height: int = 1200,
         public: bool = True, year: int | None = 2025, technique: str | None = "Olje",
         size: str | None = "60 × 80 cm") -> Work:
    """Return a work shown on the participation's page (its image public unless told)."""
    shown = Work(participation=participation, position=len(participation.works), title=title,
                 year=year, technique=technique, size=size,
                 image=image(width=width, height=height, public=public))
    db.session.add(shown)
    db.session.flush()
    return shown
