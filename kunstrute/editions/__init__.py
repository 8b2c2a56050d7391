"""The core every domain builds on: editions, municipalities, artists, studios, participations.

Its organisers' pages (studio positions, hours and access) live under /organiser; its commands
(`edition`, `import-municipalities`, `import-artists`) sit beside the others (no CLI group).
"""

from flask import Blueprint

bp = Blueprint("editions", __name__, url_prefix="/organiser", cli_group=None)
#: An accepted artist keeps their own page in the guide: /account/page.
account_bp = Blueprint("editions_account", __name__, url_prefix="/account/page")

from kunstrute.editions import (  # noqa: E402,F401  (views, commands, jobs)
    account,
    admin,
    catalogue_admin,
    cli,
    jobs,
)
