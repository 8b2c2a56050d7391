"""A number too large for the database in a URL is a page that does not exist (404)."""

import pytest

from tests import factories
from tests.conftest import csrf_token

HUGE = "99999999999999999999"
JUST_TOO_LARGE = str(2**31)  # one more than an INTEGER column holds on PostgreSQL


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
@pytest.mark.parametrize("url", ["/programme/{n}", "/programme/{n}.ics"])
def test_public_programme_urls_with_a_huge_id_are_not_found(client, db, url, number):
    assert client.get(url.format(n=number)).status_code == 404


def test_signing_up_for_a_huge_id_is_not_found(client, db):
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(f"/programme/{HUGE}/register", data={
        "name": "Kari", "email": "kari@example.no", "csrf_token": token})
    assert response.status_code == 404


@pytest.mark.parametrize("method, url", [
    ("get", "/organiser/programme/{n}/edit"),
    ("post", "/organiser/programme/{n}/status"),
    ("get", "/organiser/programme/{n}/registrations"),
    ("get", "/organiser/programme/{n}/registrations.csv"),
    ("post", "/organiser/programme/{n}/registrations/1/check-in"),
    ("post", "/organiser/programme/{event}/registrations/{n}/check-in"),
])
def test_organiser_programme_urls_with_a_huge_id_are_not_found(client, db, login_as, method,
                                                               url):
    event = factories.event(factories.edition())
    db.session.commit()
    login_as("organiser")
    token = csrf_token(client.get("/organiser/programme/").get_data(as_text=True))
    response = getattr(client, method)(url.format(n=HUGE, event=event.id),
                                       data={"csrf_token": token, "present": "1"})
    assert response.status_code == 404
