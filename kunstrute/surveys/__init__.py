"""Evaluation surveys: the organisers build them, invitees answer by a personal link."""

from flask import Blueprint

#: The invitees' side: /survey/<token>.
bp = Blueprint("surveys", __name__, cli_group=None)
#: The organisers' side: building, inviting, reminding, results.
admin_bp = Blueprint("surveys_admin", __name__, url_prefix="/organiser/surveys")

from kunstrute.surveys import admin, admin_invitations, jobs, routes  # noqa: E402,F401
