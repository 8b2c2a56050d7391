"""Users for the accounts' tests, and reading the links the accounts e-mail."""

import re
from urllib.parse import urlsplit

from kunstrute.auth.models import Role
from kunstrute.auth.services import create_user
from kunstrute.extensions import db
from tests.conftest import csrf_token

PASSWORD = "long enough pw"


def user(email="kari@example.no", *, role=Role.ARTIST, confirmed=True, name="Kari Nordmann",
         password=PASSWORD):
    """Return a committed user (confirmed unless told)."""
    made = create_user(email=email, password=password, role=role, name=name,
                       confirmed=confirmed)
    db.session.commit()
    return made


def body(message) -> str:
    """Return the plain text of an e-mail from the outbox."""
    return message.get_body(("plain",)).get_content()


def link_in(message) -> str:
    """Return the path of the first link in a plain-text e-mail."""
    return urlsplit(re.search(r"https?://\S+", body(message)).group(0)).path


def post_form(client, url: str, data: dict, page_url: str | None = None, **extra):
    """Open the page, then post its form with its CSRF token and the data."""
    page = client.get(page_url or url, **extra).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token(page)}, **extra)


def without_render_time(html: str) -> str:
    """Return the page without the time it was made (it has seconds), to compare two pages."""
    return re.sub(r'data-rendered="[^"]*"', "", html)


def sign_in(client, email, password=PASSWORD):
    return post_form(client, "/auth/login", {"email": email, "password": password})
