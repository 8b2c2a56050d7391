"""A link to an organiser page is shown only to those who may open it."""

import pytest

from kunstrute.auth.models import Role
from kunstrute.auth.services import create_user
from tests import factories
from tests.conftest import csrf_token

ORGANISER_LINK = 'href="/organiser/"'


@pytest.mark.parametrize("role", [Role.JUROR, Role.ARTIST])
def test_jurors_and_artists_see_no_organiser_link(client, db, login_as, role):
    participation = factories.participant(factories.edition())
    db.session.commit()
    login_as(role.value)
    for url in ("/", f"/artists/{participation.artist.slug}", "/programme"):
        html = client.get(url).get_data(as_text=True)
        assert ORGANISER_LINK not in html and ">Arrangør<" not in html, url
        assert "/organiser/participations/" not in html, url
    assert client.get("/organiser/").status_code == 403


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_organisers_see_the_organiser_link(client, db, login_as, role):
    participation = factories.participant(factories.edition())
    db.session.commit()
    login_as(role.value)
    assert ORGANISER_LINK in client.get("/").get_data(as_text=True)
    artist_page = client.get(f"/artists/{participation.artist.slug}").get_data(as_text=True)
    assert f"/organiser/participations/{participation.id}/studio" in artist_page


def test_visitors_see_no_organiser_link(client, db):
    factories.edition()
    db.session.commit()
    assert ORGANISER_LINK not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(("role", "home"), [(Role.JUROR, "/account"), (Role.ARTIST, "/account"),
                                            (Role.ORGANISER, "/organiser/")])
def test_signing_in_lands_on_a_page_the_user_may_open(client, db, role, home):
    create_user(email="someone@example.org", password="long enough pw", role=role)
    db.session.commit()
    page = client.get("/auth/login").get_data(as_text=True)
    response = client.post("/auth/login", data={
        "email": "someone@example.org", "password": "long enough pw",
        "csrf_token": csrf_token(page)})
    assert response.headers["Location"] == home
