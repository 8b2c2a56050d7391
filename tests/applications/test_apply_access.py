"""Applicant A and applicant B: each sees only their own application and files (else 404)."""

import pytest

from kunstrute.applications.models import ApplicationStatus
from tests.applications import factories
from tests.applications.helpers import sign_in_applicant, token
from tests.media.factories import stored_image


@pytest.fixture
def two(db):
    edition = factories.open_edition()
    a = factories.application(edition, factories.applicant("a@example.org"))
    b = factories.application(edition, factories.applicant("b@example.org"),
                              status=ApplicationStatus.SUBMITTED)
    db.session.commit()
    return a, b


def test_another_applicants_files_and_works_answer_not_found(client, db, two):
    a, b = two
    sign_in_applicant(client, db, email="c@example.org")
    theirs = b.artworks[0].id
    assert client.get(f"/apply/files/{theirs}/w320").status_code == 404
    assert client.get("/apply/cv").status_code == 404
    assert client.get("/apply/preview").status_code == 404
    csrf = token(client)
    for url in (f"/apply/works/{theirs}", f"/apply/works/{theirs}/remove",
                f"/apply/works/{theirs}/move"):
        assert client.post(url, data={"csrf_token": csrf}).status_code == 404
    assert len(b.artworks) == 3


def test_an_applicant_with_an_application_still_cannot_reach_anothers_work(client, db, two):
    a, b = two
    client_user = sign_in_applicant(client, db, email="d@example.org")
    factories.application(a.edition, client_user)
    db.session.commit()
    assert client.get(f"/apply/files/{b.artworks[0].id}/w320").status_code == 404
    response = client.post(f"/apply/works/{b.artworks[0].id}/remove",
                           data={"csrf_token": token(client)})
    assert response.status_code == 404


def test_own_files_are_served_privately(client, db, two):
    user = sign_in_applicant(client, db, email="e@example.org")
    mine = factories.application(two[0].edition, user, works=0)
    factories.artwork(mine, image=stored_image(owner=user))
    db.session.commit()
    response = client.get(f"/apply/files/{mine.artworks[0].id}/w320")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert "no-store" in response.headers["Cache-Control"]


def test_an_artist_who_has_not_confirmed_the_address_is_told_to(client, db, two, login_as):
    user = login_as("artist")
    user.email_confirmed_at = None  # signed up, link not followed yet
    db.session.commit()
    html = client.get("/apply").get_data(as_text=True)
    assert 'action="/apply/start"' not in html
    assert client.post("/apply/start", data={"csrf_token": token(client)}).status_code == 403
