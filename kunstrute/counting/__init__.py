"""Counting visits and sales: QR check-in, the artists' reports, the exhibition, posters."""

from flask import Blueprint

#: The public side and the artists' reporting: /c/<code>, /report.
bp = Blueprint("counting", __name__, cli_group=None)
#: The organisers' side: /organiser/counting/<year>/…
admin_bp = Blueprint("counting_admin", __name__, url_prefix="/organiser/counting")

from kunstrute.counting import (  # noqa: E402,F401
    admin,
    checkin,
    cli,
    exhibition,
    import_admin,
    import_cli,
    jobs,
    posters_admin,
    report,
    venues,
)
