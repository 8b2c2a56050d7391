"""The statistics' background jobs: building the printed catalogue."""

from __future__ import annotations

from kunstrute.extensions import db, huey
from kunstrute.stats.catalogue_build import run_build
from kunstrute.stats.models import CatalogueBuild


@huey.task()
def build_catalogue(build_id: int) -> bool:
    """Build a queued catalogue build's PDF; a build already taken is left alone (run twice,
    it builds once). Return whether this run finished it."""
    build = db.session.get(CatalogueBuild, build_id)
    return run_build(build) if build is not None else False
