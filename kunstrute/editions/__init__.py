"""The core every domain builds on: editions, municipalities, artists, studios, participations.

Its organisers' pages (studio positions, hours and access) live under /organiser; its commands
(`edition`, `import-municipalities`, `import-artists`) sit beside the others (no CLI group).
"""

from flask import Blueprint

bp = Blueprint("editions", __name__, url_prefix="/organiser", cli_group=None)

from kunstrute.editions import admin, catalogue_admin, cli, jobs  # noqa: E402,F401
