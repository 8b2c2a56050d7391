"""Helpers of the application tests: signing in as an applicant, images, posting forms."""

import io
import re

from pypdf import PdfWriter

from kunstrute.auth.services import create_user
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token
from tests.media.factories import image_bytes


def jpeg(width: int = 800, height: int = 600) -> bytes:
    return image_bytes(width, height, "JPEG")


def pdf_bytes() -> bytes:
    """Return a real one-page PDF (a CV)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def sign_in_applicant(client, db, email: str = "kari@example.org", name: str = "Kari Nordmann"):
    """Sign the client in as a new confirmed artist; return the user."""
    user = create_user(email=email, password="correct horse battery", role="artist")
    user.name, user.email_confirmed_at = name, utcnow()
    db.session.commit()
    page = client.get("/auth/login")
    response = client.post("/auth/login", data={
        "email": email, "password": "correct horse battery",
        "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302
    return user


def token(client) -> str:
    return csrf_token(client.get("/apply").get_data(as_text=True))


def details(**overrides) -> dict:
    """Return the details form as an applicant fills it in."""
    data = {"name": "Kari Nordmann", "email": "kari@example.org", "phone": "900 00 000",
            "website": "https://keramikk.example.no", "studio_name": "Verkstedet",
            "address": "Strandveien 3", "postcode": "3400", "place": "Lier",
            "municipality_id": "", "main_discipline": "ceramics",
            "other_disciplines": ["glass"], "statement": "Leire fra fjæra. " * 20}
    data.update(overrides)
    return data


def errors_at(html: str, field_id: str) -> str:
    """Return the error message shown at a field, or ''."""
    match = re.search(rf'id="{re.escape(field_id)}-error">([^<]*)<', html)
    return match.group(1) if match else ""
