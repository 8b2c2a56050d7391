"""Applications and the jury: applying, blind scoring, results, decisions and publishing."""

from flask import Blueprint

#: The applicant's side: /apply.
bp = Blueprint("applications", __name__, url_prefix="/apply", cli_group=None)
#: The jurors' side: /jury.
jury_bp = Blueprint("jury", __name__, url_prefix="/jury")
#: The organisers' side: results, decisions, templates, publishing.
admin_bp = Blueprint("applications_admin", __name__, url_prefix="/organiser/applications")

from kunstrute.applications import (  # noqa: E402,F401
    admin,
    jobs,
    jury,
    publish_admin,
    publishing,
    routes,
)
