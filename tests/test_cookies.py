"""No cookie until a person submits a form; public forms still refuse other sites' posts;
HSTS in production. (The privacy page promises the first.)"""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.newsletter.models import Subscriber
from kunstrute.programme.models import Registration
from kunstrute.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token, form_token, make_app


@pytest.fixture
def route(db):
    edition = factories.edition()
    artist = factories.participant(edition).artist
    with_form = factories.event(edition, title="Atelierbuss", registration_required=True,
                                starts_at=utcnow() + timedelta(days=2), capacity=10)
    without_form = factories.event(edition, title="Konsert", kind="concert")
    db.session.commit()
    return {"slug": artist.slug, "with_form": with_form.id, "without_form": without_form.id}


def public_pages(route) -> list[str]:
    return ["/", "/map", "/artists", "/artists?municipality=Lier&wheelchair=1",
            f"/artists/{route['slug']}", "/route", "/route?s=1", "/programme",
            f"/programme/{route['with_form']}", f"/programme/{route['without_form']}",
            "/programme.ics", f"/programme/{route['with_form']}.ics", "/newsletter",
            "/privacy", "/accessibility", "/offline", "/offline.json", "/manifest.webmanifest",
            "/sw.js", "/healthz", "/artists/nobody-by-that-name"]


def test_an_anonymous_visitor_gets_no_cookie_on_public_pages(app, client, route):
    for page in public_pages(route):
        response = app.test_client().get(page)
        assert response.status_code in (200, 404), page
        assert "Set-Cookie" not in response.headers, page
    # The forms are there, with a token, and still no cookie.
    event_page = app.test_client().get(f"/programme/{route['with_form']}")
    assert 'name="email"' in event_page.get_data(as_text=True)
    assert csrf_token(event_page.get_data(as_text=True))


def own_link(db, email: str) -> str:
    """Return the registration's own link, as the e-mail to the address carries it."""
    token = db.session.scalars(sa.select(Registration.token).where(
        Registration.email == email)).one()
    return f"/programme/registrations/{token}"


def test_signing_up_from_the_page_works_without_a_cookie_first(app, client, db, route,
                                                               outbox):
    visitor = app.test_client()
    page = visitor.get("/newsletter").get_data(as_text=True)
    answer = visitor.post("/newsletter", headers={"Sec-Fetch-Site": "same-origin"}, data={
        "email": "kari@example.no", "consent": "y", "csrf_token": csrf_token(page)})
    assert answer.status_code == 200 and "kari@example.no" in answer.get_data(as_text=True)
    event = f"/programme/{route['with_form']}"
    page = visitor.get(event).get_data(as_text=True)
    signed_up = visitor.post(f"{event}/register", headers={"Origin": "http://localhost"}, data={
        "name": "Kari", "email": "kari@example.no", "csrf_token": csrf_token(page)})
    assert signed_up.status_code == 302
    own = own_link(db, "kari@example.no")
    own_page = app.test_client().get(own)  # the link in the e-mail, opened elsewhere
    assert own_page.status_code == 200 and "Set-Cookie" not in own_page.headers
    token = form_token(own_page.get_data(as_text=True), f"{own}/cancel")
    cancelled = visitor.post(f"{own}/cancel", headers={"Sec-Fetch-Site": "same-origin"},
                             data={"csrf_token": token})
    assert cancelled.status_code == 302


def test_another_site_cannot_cancel_a_registration_through_the_visitors_browser(app, client,
                                                                                db, route,
                                                                                outbox):
    visitor = app.test_client()
    event = f"/programme/{route['with_form']}"
    page = visitor.get(event).get_data(as_text=True)
    visitor.post(f"{event}/register", data={
        "name": "Kari", "email": "kari@example.no", "csrf_token": csrf_token(page)})
    own = own_link(db, "kari@example.no")
    token = form_token(visitor.get(own).get_data(as_text=True), f"{own}/cancel")
    refused = visitor.post(f"{own}/cancel", headers={"Sec-Fetch-Site": "cross-site"},
                           data={"csrf_token": token})
    assert refused.status_code == 400
    assert "Meld meg av" in visitor.get(own).get_data(as_text=True)  # still signed up


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "https://attacker.example"},
                                     {"Origin": "null"}])
def test_a_public_form_posted_from_another_site_is_refused(app, client, db, route, outbox,
                                                           headers):
    visitor = app.test_client()
    page = visitor.get("/newsletter").get_data(as_text=True)
    answer = visitor.post("/newsletter", headers=headers, data={
        "email": "kari@example.no", "consent": "y", "csrf_token": csrf_token(page)})
    assert answer.status_code == 400
    assert "Skjemaet ble ikke sendt fra siden vår" in answer.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Subscriber.id))) == 0 and not outbox()


@pytest.mark.parametrize("token", ["", "forged", "from-another-form"])
def test_a_public_form_without_its_own_token_is_refused(app, client, db, route, outbox, token):
    visitor = app.test_client()
    if token == "from-another-form":  # the event form's token is not the newsletter's
        token = csrf_token(visitor.get(f"/programme/{route['with_form']}").get_data(
            as_text=True))
    answer = visitor.post("/newsletter", data={
        "email": "kari@example.no", "consent": "y", "csrf_token": token})
    assert answer.status_code == 400 and not outbox()


def test_hsts_on_every_response_in_production():
    app = make_app("sqlite://", ENV="production", SECRET_KEY="p" * 64)
    visitor = app.test_client()
    responses = [visitor.get("/privacy"), visitor.get("/static/css/site.css"),
                 visitor.get("/no-such-page"), visitor.get("/lang/en"),
                 visitor.post("/auth/login", data={}), visitor.get("/healthz")]
    for response in responses:
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000"), (
            response.request.path, response.status_code)


def test_no_hsts_outside_production(app, client):
    assert "Strict-Transport-Security" not in client.get("/privacy").headers
