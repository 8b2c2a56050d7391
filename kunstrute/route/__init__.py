"""The public side: this year's route, the studio map, the artist list and artist pages."""

from flask import Blueprint

bp = Blueprint("route", __name__)

from kunstrute.route import offline, routes  # noqa: E402,F401  (registers the views)
