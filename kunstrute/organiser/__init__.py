"""The organisers' area: the edition at a glance and studios whose pins need fixing."""

from flask import Blueprint

bp = Blueprint("organiser", __name__, url_prefix="/organiser")

from kunstrute.organiser import routes  # noqa: E402,F401  (registers the views)
