"""Builds of the printed catalogue: one at a time per edition, run by the job or the command,
with progress the organisers' page shows and, when one fails, why in words they can act on.

The PDF goes to CATALOGUE_DIR (default: the uploads' folder's `catalogues/`, which every host
that serves the site shares, as the posters do), named by the edition and the build's id,
never by anything a request carries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.pagecache import writes_shown_on_no_page
from kunstrute.stats.catalogue import Catalogue, catalogue_for
from kunstrute.stats.catalogue_pdf import CHUNK, write_catalogue
from kunstrute.stats.models import CatalogueBuild, CatalogueFormat, CatalogueStatus
from kunstrute.timeutil import utcnow

log = logging.getLogger(__name__)

#: A build still queued or running after this long has lost its worker (a restart, a crash):
#: it is marked failed, so the organisers may start another. 3,000 artists take minutes.
STALE_AFTER = timedelta(hours=1)
UNFINISHED = (CatalogueStatus.QUEUED, CatalogueStatus.RUNNING)
#: Names listed in the message about artists without a catalogue number.
NAMED = 10


class CatalogueProblem(Exception):
    """The catalogue cannot be built from the data as it is; the message says what to fix."""


def catalogue_dir() -> Path:
    configured = current_app.config.get("CATALOGUE_DIR")
    return Path(configured or Path(current_app.config["UPLOAD_FOLDER"]) / "catalogues")


def build_path(build: CatalogueBuild) -> Path | None:
    """Return where a finished build's PDF is, or None."""
    if build.status != CatalogueStatus.DONE or not build.file_name:
        return None
    path = catalogue_dir() / build.file_name
    return path if path.is_file() else None


def edition_builds(edition: Edition, *, limit: int = 10) -> list[CatalogueBuild]:
    """Return the edition's latest builds, the newest first."""
    return list(db.session.scalars(
        sa.select(CatalogueBuild).where(CatalogueBuild.edition_id == edition.id)
        .order_by(CatalogueBuild.created_at.desc(), CatalogueBuild.id.desc()).limit(limit)))


def is_stale(build: CatalogueBuild) -> bool:
    """Return whether an unfinished build has lost its worker (older than STALE_AFTER)."""
    return build.status in UNFINISHED and build.created_at < utcnow() - STALE_AFTER


def stale_reason() -> str:
    return _("The build stopped without finishing: the server's background worker was "
             "probably restarted. Build the catalogue again.")


def expire_stale(edition: Edition) -> None:
    """Mark the edition's builds unfinished for longer than STALE_AFTER failed; flush."""
    result = db.session.execute(
        sa.update(CatalogueBuild)
        .where(CatalogueBuild.edition_id == edition.id, CatalogueBuild.status.in_(UNFINISHED),
               CatalogueBuild.created_at < utcnow() - STALE_AFTER)
        .values(status=CatalogueStatus.FAILED, finished_at=utcnow(), error=stale_reason()))
    if result.rowcount:
        writes_shown_on_no_page()


def request_build(*, edition: Edition, page_format: CatalogueFormat,
                  requested_by_id: int | None) -> CatalogueBuild | None:
    """Add a queued build unless one of the edition's is queued or running; return it, or
    None when one is already under way; flush.

    One statement inserts only if none is unfinished, after the edition's row is locked
    (PostgreSQL; SQLite runs one writer at a time): two clicks at once make one build.
    """
    expire_stale(edition)
    db.session.execute(sa.select(Edition.id).where(Edition.id == edition.id).with_for_update())
    unfinished = sa.select(CatalogueBuild.id).where(
        CatalogueBuild.edition_id == edition.id, CatalogueBuild.status.in_(UNFINISHED))
    now = utcnow()
    values = sa.select(sa.literal(edition.id), sa.literal(CatalogueFormat(page_format).value),
                       sa.literal(CatalogueStatus.QUEUED.value), sa.literal(0), sa.literal(0),
                       sa.literal(requested_by_id, sa.Integer), sa.literal(now)
                       ).where(~unfinished.exists())
    inserted = db.session.execute(
        sa.insert(CatalogueBuild).from_select(
            ["edition_id", "page_format", "status", "done", "total", "requested_by_id",
             "created_at"], values).returning(CatalogueBuild.id)).scalar()
    writes_shown_on_no_page()
    return db.session.get(CatalogueBuild, inserted) if inserted else None


def unfinished_build(edition: Edition) -> CatalogueBuild | None:
    """Return the edition's build under way (queued or running, not stale), or None."""
    return db.session.scalar(sa.select(CatalogueBuild).where(
        CatalogueBuild.edition_id == edition.id, CatalogueBuild.status.in_(UNFINISHED),
        CatalogueBuild.created_at >= utcnow() - STALE_AFTER)
        .order_by(CatalogueBuild.id.desc()).limit(1))


def check(catalogue: Catalogue) -> None:
    """Raise CatalogueProblem when the catalogue would be wrong in print."""
    if not catalogue.entries:
        raise CatalogueProblem(_("The edition has no accepted artists yet, so there is nothing "
                                 "to print. Import or accept the artists first."))
    missing = catalogue.unnumbered
    if missing:
        names = ", ".join(e.name for e in missing[:NAMED])
        more = len(missing) - NAMED
        raise CatalogueProblem(ngettext(
            "%(num)d artist has no catalogue number yet: %(names)s. Give them a number under "
            "“Catalogue numbers”, then build the catalogue again.",
            "%(num)d artists have no catalogue number yet: %(names)s. Give them numbers under "
            "“Catalogue numbers”, then build the catalogue again.",
            len(missing), names=names + (f" (+{more})" if more > 0 else "")))


def run_build(build: CatalogueBuild, *, chunk: int = CHUNK,
              report: Callable[[CatalogueBuild], None] | None = None) -> bool:
    """Build the PDF of a queued build, committing its progress; return whether it is done.

    A build not queued (done, failed, or taken by another worker) is left alone, so running
    the job twice builds once. Any failure ends as FAILED with a reason an organiser can act
    on; the file is written whole or not at all.
    """
    claimed = db.session.execute(
        sa.update(CatalogueBuild).where(CatalogueBuild.id == build.id,
                                        CatalogueBuild.status == CatalogueStatus.QUEUED)
        .values(status=CatalogueStatus.RUNNING)).rowcount
    _commit()
    if not claimed:
        return False
    db.session.refresh(build)
    try:
        catalogue = catalogue_for(build.edition)
        check(catalogue)
        build.total = len(catalogue.entries)
        _commit()
        name = f"catalogue-{build.edition.year}-{build.id}.pdf"

        def advance(artists: int) -> None:
            build.done += artists
            _commit()
            if report:
                report(build)

        written = write_catalogue(catalogue, page_format=build.page_format,
                                  output=catalogue_dir() / name, progress=advance, chunk=chunk)
    except Exception as exc:  # every failure ends the build with a reason, none is silent
        db.session.rollback()
        _finish(build, error=reason(exc))
        return False
    build.file_name, build.size_bytes, build.pages = name, written.size_bytes, written.pages
    _finish(build)
    return True


def reason(exc: Exception) -> str:
    """Return why a build failed, in words an organiser can act on (details go to the log)."""
    if isinstance(exc, CatalogueProblem):
        return str(exc)
    log.exception("The catalogue could not be built")
    if isinstance(exc, MemoryError):
        return _("The server ran out of memory while laying out the catalogue. Ask whoever "
                 "runs the server to give the background worker more memory, then build again.")
    if isinstance(exc, OSError):
        return _("The PDF could not be written on the server (%(error)s). Ask whoever runs the "
                 "server to free disk space or fix the catalogue folder, then build again.",
                 error=exc.strerror or type(exc).__name__)
    return _("The catalogue could not be laid out (%(error)s). Build it again; if it fails "
             "again, send this message to whoever runs the site.", error=type(exc).__name__)


def _finish(build: CatalogueBuild, *, error: str | None = None) -> None:
    build.status = CatalogueStatus.FAILED if error else CatalogueStatus.DONE
    build.error, build.finished_at = error, utcnow()
    if not error:
        build.done = build.total
    _commit()


def _commit() -> None:
    """Commit the build's progress: a write no public page shows (see pagecache)."""
    writes_shown_on_no_page()
    db.session.commit()
