"""Users, roles, sign-in and access rules."""

from flask import Blueprint

#: cli_group=None: its commands (`create-user`) sit beside the others, not under `auth`.
bp = Blueprint("auth", __name__, url_prefix="/auth", cli_group=None)

from kunstrute.auth import cli, routes  # noqa: E402,F401  (registers views and commands)
