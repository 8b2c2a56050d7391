"""Earlier editions' totals, imported once, so comparisons work from the first year of use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db
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
