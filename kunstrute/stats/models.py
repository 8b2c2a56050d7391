"""Earlier editions' totals (so comparisons work from the first year of use), the edition's
goals, and the builds of its printed catalogue."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.editions.models import Edition
from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class EditionHistory(db.Model):
    """One earlier edition's totals (import-history); an edition run here needs no row.

    Where a year has both a row and an edition with counts, the statistics service says
    which one it used (the counted edition).
    """

    __tablename__ = "edition_history"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    visits_total: Mapped[int | None]
    visits_studios: Mapped[int | None]
    visits_exhibition: Mapped[int | None]
    artists: Mapped[int | None]
    applications: Mapped[int | None]
    sales_studios_nok: Mapped[int | None]
    sales_exhibition_nok: Mapped[int | None]
    #: Artists on the route for the first time that year (the optional column new_artists):
    #: their sum over the years is the number of distinct artists since the start.
    new_artists: Mapped[int | None]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def id(self) -> int:
        """Return the year: the audit log files a history row under it."""
        return self.year


class GoalComparison(enum.StrEnum):
    """How a goal's figure is held against its target."""

    AT_LEAST = "at_least"  # met when the figure is ≥ the target
    AT_MOST = "at_most"  # met when the figure is ≤ the target


class GoalUnit(enum.StrEnum):
    """What the target is counted in; shown beside it and used to format it."""

    COUNT = "count"  # people, visits, works, applications
    NOK = "nok"
    PERCENT = "percent"  # a share: the figure (0..1) is shown ×100
    CHANGE_PERCENT = "change_percent"  # change on the baseline (last year), e.g. +50 %


class EditionGoal(db.Model):
    """A measurable goal of an edition: a figure of the statistics service against a target.

    `figure` is a dotted key of the stats document (visits.exhibition_per_day). With unit
    change_percent the target is a change in percent on `baseline`; a baseline left empty is
    taken from the previous edition's same figure when there is one (stats/goals.py).
    """

    __tablename__ = "edition_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    #: The organiser's words for the goal, as it will stand in the annual report.
    title: Mapped[str] = mapped_column(sa.String(200))
    #: A dotted key of the statistics document, e.g. visits.exhibition_per_day.
    figure: Mapped[str] = mapped_column(sa.String(120))
    comparison: Mapped[GoalComparison] = mapped_column(
        enum_column_type(GoalComparison), default=GoalComparison.AT_LEAST)
    target: Mapped[float] = mapped_column(sa.Float)
    unit: Mapped[GoalUnit] = mapped_column(enum_column_type(GoalUnit), default=GoalUnit.COUNT)
    #: The figure a change_percent goal is measured from; None = the previous edition's.
    baseline: Mapped[float | None] = mapped_column(sa.Float)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    edition: Mapped[Edition] = relationship()

    __table_args__ = (sa.Index("ix_edition_goals_edition", "edition_id", "position"),)


class CatalogueFormat(enum.StrEnum):
    """The printed catalogue's trimmed page size (the bleed is added around it)."""

    A4 = "a4"  # 210 × 297 mm
    TABLOID = "tabloid"  # the newspaper format: 280 × 400 mm


class CatalogueStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class CatalogueBuild(db.Model):
    """One build of an edition's printed catalogue: asked for by a button or the command.

    The job writes its progress here (step of steps) so the page can show it; the PDF is a
    file under the instance's catalogue folder, named by the build id.
    """

    __tablename__ = "catalogue_builds"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    page_format: Mapped[CatalogueFormat] = mapped_column(
        enum_column_type(CatalogueFormat), default=CatalogueFormat.A4)
    status: Mapped[CatalogueStatus] = mapped_column(
        enum_column_type(CatalogueStatus), default=CatalogueStatus.QUEUED)
    #: Progress: what the job has done of what it has to do (artists, then the pages).
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    #: The PDF's file name under CATALOGUE_DIR once done; its size in bytes and pages.
    file_name: Mapped[str | None] = mapped_column(sa.String(200))
    size_bytes: Mapped[int | None]
    pages: Mapped[int | None]
    #: Why a failed build failed, in words an organiser can act on.
    error: Mapped[str | None] = mapped_column(sa.Text)
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    edition: Mapped[Edition] = relationship()

    __table_args__ = (sa.Index("ix_catalogue_builds_edition", "edition_id", "created_at"),)
