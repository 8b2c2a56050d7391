"""The organisers' home page: the edition at a glance, linking to each domain's admin pages."""

from flask import Blueprint

bp = Blueprint("organiser", __name__, url_prefix="/organiser")

from kunstrute.organiser import routes  # noqa: E402,F401  (registers the views)
