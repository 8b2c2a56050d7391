"""Helpers of the application tests: signing in as an applicant, images, posting forms."""

import io
import re

from PIL import Image

from kunstrute.auth.services import create_user
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token


def jpeg(width: int = 800, height: int = 600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 90, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
