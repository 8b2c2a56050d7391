"""The day-by-day programme: public pages, iCalendar feeds and registrations."""

from flask import Blueprint

#: No url_prefix: the public URLs include /programme.ics, which a prefix cannot express.
bp = Blueprint("programme", __name__)
#: The organisers' side of the programme.
admin_bp = Blueprint("programme_admin", __name__, url_prefix="/organiser/programme")

from kunstrute.programme import admin, jobs, routes  # noqa: E402,F401  (views and jobs)
