"""Visits and sales: the venues of an edition, their counts by source, check-ins and sales.

A venue is where visitors are counted: one artist's studio in an edition (a participation)
or the edition's shared exhibition. Every source of a count is stored apart (reported by the
artist, QR check-ins, a door counter) and the statistics service chooses which one counts.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.editions.models import Edition, Participation
from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class VenueKind(enum.StrEnum):
    STUDIO = "studio"
    EXHIBITION = "exhibition"


class CountSource(enum.StrEnum):
    """Where a visitor count comes from; kept apart, never added together."""

    REPORTED = "reported"
    QR_CHECKIN = "qr_checkin"
    DOOR_COUNTER = "door_counter"


class SaleSource(enum.StrEnum):
    REPORTED = "reported"  # the artist, for their studio
    DESK = "desk"  # the exhibition's staff, one row per work sold
    IMPORTED = "imported"  # import-sales


class Venue(db.Model):
    """A place where visits are counted: a studio (one participation) or the exhibition."""

    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    kind: Mapped[VenueKind] = mapped_column(enum_column_type(VenueKind))
    #: The artist of a studio venue; None for the exhibition (one per edition, see venues.py).
    participation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="CASCADE"), unique=True)
    #: The short code of the QR poster: /c/<code>. Unambiguous letters and digits only.
    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    #: The source the organiser chose for this venue; None = the default rule (stats service).
    authoritative_source: Mapped[CountSource | None] = mapped_column(
        enum_column_type(CountSource))
    #: The secret of the artist's personal reporting link; None = no link (or revoked).
    report_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: When the last reminder to report went out (UTC).
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    edition: Mapped[Edition] = relationship()
    participation: Mapped[Participation | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("(kind = 'exhibition') = (participation_id IS NULL)",
                           name="exhibition_has_no_artist"),
        sa.Index("ix_venues_edition_kind", "edition_id", "kind"),
    )

    def __repr__(self) -> str:
        return f"<Venue {self.kind.value} {self.code}>"


class VisitCount(db.Model):
    """Visitors at one venue on one day from one source (the sum of what that source said)."""

    __tablename__ = "visit_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(sa.ForeignKey("venues.id", ondelete="CASCADE"))
    day: Mapped[date]
    source: Mapped[CountSource] = mapped_column(enum_column_type(CountSource))
    count: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    venue: Mapped[Venue] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("venue_id", "day", "source"),
        sa.CheckConstraint("count >= 0", name="count_not_negative"),
        #: The statistics service's sums per venue and source, read from the index alone.
        sa.Index("ix_visit_counts_venue_source_day", "venue_id", "source", "day", "count"),
    )


class CheckIn(db.Model):
    """One QR check-in: a visitor at a venue on a day, known only by a keyed hash.

    The hash is of the visitor's address and browser with that day's random key (DailyKey),
    so one visitor counts once per venue and day and cannot be followed across venues or days.
    Nothing else about the visitor is stored.
    """

    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"),
                                    primary_key=True)
    venue_id: Mapped[int] = mapped_column(sa.ForeignKey("venues.id", ondelete="CASCADE"))
    day: Mapped[date]
    #: HMAC-SHA256 of venue, address and browser under the day's key, hex, cut to 32.
    visitor: Mapped[str] = mapped_column(sa.String(32))

    __table_args__ = (sa.UniqueConstraint("venue_id", "day", "visitor"),)


class DailyKey(db.Model):
    """The random key of one day's visitor hashes; deleted after two days."""

    __tablename__ = "daily_keys"

    day: Mapped[date] = mapped_column(primary_key=True)
    key: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TallyBatch(db.Model):
    """A batch of taps on an artist's offline tally counter, received once by its id."""

    __tablename__ = "tally_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(sa.ForeignKey("venues.id", ondelete="CASCADE"))
    #: The id the phone gave the batch (a UUID); a batch sent again is recognised by it.
    batch: Mapped[str] = mapped_column(sa.String(64))
    day: Mapped[date]
    taps: Mapped[int]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("venue_id", "batch"),
        sa.CheckConstraint("taps >= 0", name="taps_not_negative"),
    )


class Sale(db.Model):
    """Sales at a venue on a day: an artist's day total, or one exhibition work. No buyer data."""

    __tablename__ = "sales"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(sa.ForeignKey("venues.id", ondelete="CASCADE"))
    #: The artist whose works sold; None only for an imported exhibition line without one.
    participation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="CASCADE"))
    day: Mapped[date]
    source: Mapped[SaleSource] = mapped_column(enum_column_type(SaleSource))
    amount_nok: Mapped[int]
    works: Mapped[int] = mapped_column(default=1)
    #: The work's title (exhibition sales).
    title: Mapped[str | None] = mapped_column(sa.String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    venue: Mapped[Venue] = relationship()
    participation: Mapped[Participation | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("amount_nok >= 0", name="amount_not_negative"),
        sa.CheckConstraint("works >= 0", name="works_not_negative"),
        sa.Index("ix_sales_venue_day", "venue_id", "day"),
        sa.Index("ix_sales_participation", "participation_id"),
    )


class CountingSettings(db.Model):
    """An edition's counting rules: the lock and the thresholds that ask for a second look."""

    __tablename__ = "counting_settings"

    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True)
    #: After this (UTC) no count or sale may change (no report, tally, check-in, desk entry
    #: or import) until an organiser unlocks; the annual report's figures stay put.
    locked_at: Mapped[datetime | None]
    #: A day's visitors above this ask "are you sure?" before they are saved.
    warn_visitors_above: Mapped[int] = mapped_column(default=1500)
    #: A day's sales above this (NOK) ask the same.
    warn_sales_above_nok: Mapped[int] = mapped_column(default=200_000)
