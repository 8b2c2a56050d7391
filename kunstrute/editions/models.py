"""The route's core: editions, municipalities, artists, studios and participations."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from kunstrute.audit.services import change_state
from kunstrute.extensions import db, enum_column_type
from kunstrute.geocoding.models import LocationSource
from kunstrute.media.models import MediaFile
from kunstrute.text import fold
from kunstrute.timeutil import utcnow

edition_hosts = sa.Table(
    "edition_hosts",
    db.metadata,
    sa.Column("edition_id", sa.ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "municipality_id", sa.ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Municipality(db.Model):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    #: The official municipality number (kommunenummer) at the time it was loaded.
    number: Mapped[str | None] = mapped_column(sa.String(8))
    county: Mapped[str | None] = mapped_column(sa.String(80))
    #: The administrative centre: the offline geocoder's last resort.
    lat: Mapped[float | None]
    lon: Mapped[float | None]

    def __repr__(self) -> str:
        return f"<Municipality {self.name}>"


class Edition(db.Model):
    """One year's route."""

    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    #: Studios are open on the open days between these times (local time, Europe/Oslo).
    opens_at: Mapped[time] = mapped_column(default=time(11, 0))
    closes_at: Mapped[time] = mapped_column(default=time(17, 0))
    exhibition_venue: Mapped[str | None] = mapped_column(sa.String(160))
    exhibition_address: Mapped[str | None] = mapped_column(sa.String(200))
    exhibition_lat: Mapped[float | None]
    exhibition_lon: Mapped[float | None]
    #: The exhibition's own hours; it is open every day of the period.
    exhibition_hours: Mapped[str | None] = mapped_column(sa.String(80))
    application_opens_on: Mapped[date | None]
    application_closes_on: Mapped[date | None]
    #: When an organiser made it public (UTC); None = a draft only organisers see. The public
    #: site shows the latest published edition. Set only through services.publish_edition.
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    open_days: Mapped[list[OpenDay]] = relationship(
        back_populates="edition", cascade="all, delete-orphan", order_by="OpenDay.day"
    )
    hosts: Mapped[list[Municipality]] = relationship(
        secondary=edition_hosts, order_by="Municipality.name"
    )
    participations: Mapped[list[Participation]] = relationship(back_populates="edition")

    __table_args__ = (sa.CheckConstraint("ends_on >= starts_on", name="period_order"),)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def __repr__(self) -> str:
        return f"<Edition {self.year}>"


class OpenDay(db.Model):
    """A day on which the studios of an edition are open."""

    __tablename__ = "open_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    day: Mapped[date]

    edition: Mapped[Edition] = relationship(back_populates="open_days")

    __table_args__ = (sa.UniqueConstraint("edition_id", "day"),)


class Discipline(enum.StrEnum):
    """The fixed vocabulary of disciplines; labels live in route/vocabulary.py."""

    PAINTING = "painting"
    SCULPTURE = "sculpture"
    CERAMICS = "ceramics"
    GLASS = "glass"
    TEXTILE = "textile"
    PRINTMAKING = "printmaking"
    PHOTOGRAPHY = "photography"
    JEWELLERY = "jewellery"
    WOOD = "wood"
    DRAWING = "drawing"
    MIXED_MEDIA = "mixed_media"
    INSTALLATION = "installation"
    METAL = "metal"


class Artist(db.Model):
    __tablename__ = "artists"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The artist's URL name, /artists/<slug>; stable once given.
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    #: Normalised (text.normalise_email); the importer's key for "the same artist".
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    #: Only http(s) URLs are stored.
    website: Mapped[str | None] = mapped_column(sa.String(300))
    #: In Norwegian; bio_en is the English one (shown to English readers when given).
    bio: Mapped[str | None] = mapped_column(sa.Text)
    bio_en: Mapped[str | None] = mapped_column(sa.Text)
    #: The account that keeps this page current (an accepted applicant's); None until then.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    disciplines: Mapped[list[ArtistDiscipline]] = relationship(
        cascade="all, delete-orphan", order_by="ArtistDiscipline.position"
    )
    participations: Mapped[list[Participation]] = relationship(back_populates="artist")

    @property
    def discipline_keys(self) -> list[str]:
        return [d.discipline for d in self.disciplines]

    def __repr__(self) -> str:
        return f"<Artist {self.slug}>"


class ArtistDiscipline(db.Model):
    __tablename__ = "artist_disciplines"

    artist_id: Mapped[int] = mapped_column(
        sa.ForeignKey("artists.id", ondelete="CASCADE"), primary_key=True
    )
    discipline: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)
    #: Order as the artist listed them; the first is the main discipline.
    position: Mapped[int] = mapped_column(default=0)


def address_key(address: str, postcode: str | None) -> str:
    """Return the key of "the same studio": the folded address and the postcode."""
    return f"{fold(address)}|{(postcode or '').strip()}"


def address_line(address: str, postcode: str | None, place: str | None) -> str:
    """Return 'Solveien 12, 1386 Asker' (the postal line as Norwegians write it)."""
    town = " ".join(p for p in (postcode, place) if p)
    return f"{address}, {town}" if town else address


class Studio(db.Model):
    """One address where one or more artists show their work."""

    __tablename__ = "studios"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(160))
    address: Mapped[str] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    place: Mapped[str | None] = mapped_column(sa.String(80))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    #: Normalised "address|postcode": the importer's key for "the same studio".
    address_key: Mapped[str] = mapped_column(sa.String(220), unique=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    location_source: Mapped[LocationSource] = mapped_column(
        enum_column_type(LocationSource), default=LocationSource.MISSING
    )
    #: Access information for visitors: True "yes", False "no", None "not stated".
    wheelchair_access: Mapped[bool | None]  # step-free entrance
    accessible_toilet: Mapped[bool | None]
    parking: Mapped[bool | None]
    card_payment: Mapped[bool | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()
    participations: Mapped[list[Participation]] = relationship(back_populates="studio")

    @property
    def is_placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def address_line(self) -> str:
        return address_line(self.address, self.postcode, self.place)

    @property
    def is_approximate(self) -> bool:
        """Return whether the pin may be off: placed by the gazetteer, not at the address."""
        return self.location_source == LocationSource.GAZETTEER

    def geocode_query(self) -> dict[str, str | None]:
        """Return what the geocoder chain looks the studio up by."""
        return {"address": self.address, "postcode": self.postcode, "place": self.place,
                "municipality": self.municipality.name}

    def __repr__(self) -> str:
        return f"<Studio {self.address_key}>"


class ParticipationStatus(enum.StrEnum):
    APPLIED = "applied"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


#: The transitions a participation's status may take; anything else is refused.
PARTICIPATION_TRANSITIONS = {
    ParticipationStatus.APPLIED: {ParticipationStatus.ACCEPTED, ParticipationStatus.REJECTED,
                                  ParticipationStatus.WITHDRAWN},
    ParticipationStatus.ACCEPTED: {ParticipationStatus.WITHDRAWN},
    ParticipationStatus.REJECTED: set(),
    ParticipationStatus.WITHDRAWN: {ParticipationStatus.ACCEPTED},
}


class Participation(db.Model):
    """An artist in one edition: the status, the studio and the catalogue number."""

    __tablename__ = "participations"

    id: Mapped[int] = mapped_column(primary_key=True)
    artist_id: Mapped[int] = mapped_column(sa.ForeignKey("artists.id", ondelete="CASCADE"))
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    studio_id: Mapped[int | None] = mapped_column(sa.ForeignKey("studios.id"))
    status: Mapped[ParticipationStatus] = mapped_column(
        enum_column_type(ParticipationStatus),
        default=ParticipationStatus.ACCEPTED,
    )
    new_this_year: Mapped[bool] = mapped_column(default=False)
    #: The number shown on the printed and the web map; unique within an edition.
    catalogue_no: Mapped[int | None]
    #: This artist's own daily hours this year (Oslo wall-clock); both None = the edition's.
    #: Set only through opening.set_opening, which keeps them both-or-neither and in order.
    opens_at: Mapped[time | None]
    closes_at: Mapped[time | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    artist: Mapped[Artist] = relationship(back_populates="participations")
    edition: Mapped[Edition] = relationship(back_populates="participations")
    studio: Mapped[Studio | None] = relationship(back_populates="participations")
    #: The edition's open days this artist keeps; none at all = every open day.
    kept_days: Mapped[list[KeptDay]] = relationship(
        cascade="all, delete-orphan", order_by="KeptDay.day")
    #: The works shown on the artist's page this year, in the artist's order.
    works: Mapped[list[Work]] = relationship(
        back_populates="participation", cascade="all, delete-orphan", order_by="Work.position")

    __table_args__ = (
        sa.UniqueConstraint("artist_id", "edition_id"),
        sa.UniqueConstraint("edition_id", "catalogue_no"),
    )

    @property
    def has_own_opening(self) -> bool:
        """Return whether this artist's hours or days differ from the edition's."""
        return self.opens_at is not None or bool(self.kept_days)

    def change_status(self, new: ParticipationStatus, *, actor=None) -> None:
        """Move to a new status and record it; raise TransitionError if the route forbids it."""
        change_state(self, new, table=PARTICIPATION_TRANSITIONS, actor=actor)


class KeptDay(db.Model):
    """An open day of the edition on which this artist's studio is open.

    Rows exist only for artists who keep some of the edition's open days, not all: no rows
    means every open day (the usual case, so the table stays small). The day is a date, not a
    link to open_days, so changing the edition's days never deletes an artist's choice; a
    kept day that is no longer an open day simply does not count (the studio is shown closed
    rather than open when nobody knows).
    """

    __tablename__ = "kept_days"

    participation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)


class WorkDescription:
    """What describes a work wherever it is shown: its image, order, title, year, technique
    and size (an application's Artwork and the guide's Work)."""

    #: The fields publishing copies from an artwork to the guide's work.
    DESCRIPTION = ("title", "year", "technique", "size")

    position: Mapped[int] = mapped_column(default=0)
    image_id: Mapped[int] = mapped_column(sa.ForeignKey("media_files.id"))
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    year: Mapped[int | None]
    technique: Mapped[str | None] = mapped_column(sa.String(200))
    #: As the artist writes it, e.g. "60 × 80 cm".
    size: Mapped[str | None] = mapped_column(sa.String(100))

    @declared_attr
    def image(cls) -> Mapped[MediaFile]:
        return relationship(MediaFile)

    def description(self) -> dict:
        """Return the title, year, technique and size, to describe the same work elsewhere."""
        return {name: getattr(self, name) for name in self.DESCRIPTION}


class Work(WorkDescription, db.Model):
    """A work shown in the guide: on the artist's page, in the list and in the map's popup.

    Its image is public (MediaFile.public); its copies are the responsive sizes."""

    __tablename__ = "works"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="CASCADE"))

    participation: Mapped[Participation] = relationship(back_populates="works")


class Award(db.Model):
    """A prize of an edition, such as the artist of the year, with its amount and citation."""

    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    participation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="CASCADE"))
    #: E.g. "Årets kunstner"; one award of each title per edition.
    title: Mapped[str] = mapped_column(sa.String(120))
    amount_nok: Mapped[int | None]
    citation: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    edition: Mapped[Edition] = relationship()
    participation: Mapped[Participation] = relationship()

    __table_args__ = (sa.UniqueConstraint("edition_id", "title"),)
