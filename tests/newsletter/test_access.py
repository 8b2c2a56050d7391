"""Every organiser newsletter URL × every role, the test-send POST included."""

import pytest

from kunstrute.auth.models import Role
from kunstrute.newsletter.models import Newsletter
from tests.conftest import csrf_token

ALLOWED = {Role.ADMIN, Role.ORGANISER}
PAGES = ["/", "/new", "/{id}", "/{id}/edit"]


def setup(client, db, login_as, role) -> int:
    newsletter = Newsletter(subject="Nytt", body_markdown="Hei")
    db.session.add(newsletter)
    db.session.commit()
    if role is not None:
        login_as(role.value)
    return newsletter.id


def check(response, role, allowed_status):
    if role is None:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    elif role in ALLOWED:
        assert response.status_code == allowed_status
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", [None, *Role])
def test_organiser_pages(client, db, login_as, outbox, page, role):
    newsletter_id = setup(client, db, login_as, role)
    response = client.get("/organiser/newsletters" + page.format(id=newsletter_id))
    check(response, role, 200)


@pytest.mark.parametrize("role", [None, *Role])
def test_only_organisers_can_send_a_test(client, db, login_as, outbox, role):
    newsletter_id = setup(client, db, login_as, role)
    # A session-bound token: the sign-in form's, or the sign-out form's on any page.
    token = csrf_token(client.get("/auth/login" if role is None else "/privacy").get_data(
        as_text=True))
    response = client.post(f"/organiser/newsletters/{newsletter_id}/test",
                           data={"csrf_token": token})
    check(response, role, 302)
    assert len(outbox()) == (1 if role in ALLOWED else 0)
