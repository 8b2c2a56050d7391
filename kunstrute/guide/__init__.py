"""The visitor's side, read-only: front page, map, artist list and pages, planner, offline."""

from flask import Blueprint

bp = Blueprint("guide", __name__)

from kunstrute.guide import offline, routes  # noqa: E402,F401  (registers the views)
