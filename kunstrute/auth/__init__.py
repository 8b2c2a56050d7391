"""Users, roles, sign-in and access rules."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from kunstrute.auth import routes  # noqa: E402,F401  (registers the views)
