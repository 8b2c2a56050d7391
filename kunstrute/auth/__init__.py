"""Users, roles, sign-in, the account pages and access rules."""

from flask import Blueprint

#: cli_group=None: its commands (`create-user`) sit beside the others, not under `auth`.
bp = Blueprint("auth", __name__, url_prefix="/auth", cli_group=None)
#: The user's own pages: sign-up, links from e-mails, password, the account's home.
account_bp = Blueprint("account", __name__, url_prefix="/account")
#: The organisers' page of users and invitations.
admin_bp = Blueprint("auth_admin", __name__, url_prefix="/organiser/users")

from kunstrute.auth import account, admin, cli, routes  # noqa: E402,F401  (views and commands)
