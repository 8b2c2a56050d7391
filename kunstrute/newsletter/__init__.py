"""The newsletter: double opt-in subscription, one-click unsubscribe, resumable sending."""

from flask import Blueprint

bp = Blueprint("newsletter", __name__, url_prefix="/newsletter")
#: The organisers' side: writing, previewing and test-sending newsletters.
admin_bp = Blueprint("newsletter_admin", __name__, url_prefix="/organiser/newsletters")

from kunstrute.newsletter import admin, routes  # noqa: E402,F401  (registers the views)
