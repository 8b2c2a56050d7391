"""The accounts' commands: `create-user`."""

import sys

import click

from kunstrute.auth import bp
from kunstrute.auth.services import UserError, create_user
from kunstrute.extensions import db


@bp.cli.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, organiser, juror or artist.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, role: str, password_stdin: bool) -> None:
    """Create a user; the password comes from a prompt or standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email=email, password=password, role=role)
    except UserError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")
