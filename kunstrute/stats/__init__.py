"""The statistics service: every figure of an edition, computed in SQL in one place."""

from flask import Blueprint

#: The organisers' figures: /organiser/editions/<year>/stats.json and the pages on them.
bp = Blueprint("stats", __name__, url_prefix="/organiser", cli_group=None)

from kunstrute.stats import (  # noqa: E402,F401  (views, commands)
    catalogue_admin,
    catalogue_cli,
    cli,
    dashboard,
    exports,
    goals_admin,
    reports,
    routes,
)
