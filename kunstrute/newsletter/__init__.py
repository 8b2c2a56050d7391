"""The newsletter: double opt-in subscription, one-click unsubscribe, resumable sending."""

from flask import Blueprint

bp = Blueprint("newsletter", __name__, url_prefix="/newsletter", cli_group=None)
#: The organisers' side: writing, previewing and test-sending newsletters.
admin_bp = Blueprint("newsletter_admin", __name__, url_prefix="/organiser/newsletters")

from kunstrute.newsletter import admin, cli, jobs, routes  # noqa: E402,F401  (views, commands)
