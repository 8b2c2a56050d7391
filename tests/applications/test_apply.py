"""The applicant's side through the test client: from the first visit to a submitted one."""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.applications.models import Application, ApplicationStatus
from kunstrute.audit.models import AuditEntry
from kunstrute.extensions import db as _db
from tests.applications import factories
from tests.applications.helpers import (
    details,
    errors_at,
    jpeg,
    pdf_bytes,
    sign_in_applicant,
    token,
)
from tests.editions.factories import municipality, participant
from tests.media.factories import png_header_only


def db_session():
    return _db.session


@pytest.fixture
def edition(db):
    found = factories.open_edition()
    db.session.commit()
    return found


def start(client) -> Application:
    response = client.post("/apply/start", data={"csrf_token": token(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/apply/form")
    return db_session().scalars(sa.select(Application).order_by(Application.id.desc())).first()


def add_work(client, title="Fjære", image=None, **fields):
    data = {"csrf_token": token(client), "new-title": title, "new-year": "2025",
            "new-technique": "Steintøy", "new-size": "30 × 20 cm",
            "new-image": (io.BytesIO(image if image is not None else jpeg()), "IMG_0001.JPG")}
    data.update(fields)
    return client.post("/apply/works", data=data, content_type="multipart/form-data")


def test_anonymous_visitors_see_what_the_application_asks_for_and_how_to_sign_up(client,
                                                                                 edition):
    html = client.get("/apply").get_data(as_text=True)
    assert "What the application asks for" in html or "Hva søknaden ber om" in html
    assert 'href="/account/signup"' in html
    assert "/auth/login?next=/apply" in html


def test_without_any_window_the_page_says_no_round_is_planned(client, db):
    factories.edition(2027)
    db.session.commit()
    response = client.get("/apply")
    assert response.status_code == 200
    assert 'class="empty"' in response.get_data(as_text=True)


def test_before_the_window_the_page_says_when_it_opens(client, db):
    factories.open_edition(opens_on=factories.date(2027, 2, 1),
                           closes_on=factories.date(2027, 3, 15))
    db.session.commit()
    sign_in_applicant(client, db)
    html = client.get("/apply").get_data(as_text=True)
    assert "1. februar 2027" in html
    assert 'action="/apply/start"' not in html


def test_a_whole_application_from_start_to_submission(client, db, edition, outbox):
    lier = municipality("Lier")
    db.session.commit()
    sign_in_applicant(client, db)
    application = start(client)
    assert application.status == ApplicationStatus.DRAFT

    saved = client.post("/apply/form", data={
        **details(municipality_id=str(lier.id)), "action": "save", "csrf_token": token(client)})
    assert saved.status_code == 302
    for n in range(3):
        assert add_work(client, title=f"Fjære {n}").status_code == 302
    cv = client.post("/apply/cv", data={"csrf_token": token(client),
                                        "cv": (io.BytesIO(pdf_bytes()), "cv.pdf")},
                     content_type="multipart/form-data")
    assert cv.status_code == 302

    page = client.get("/apply/form").get_data(as_text=True)
    assert 'value="Strandveien 3"' in page and "Fjære 2" in page
    submitted = client.post("/apply/form", data={
        **details(municipality_id=str(lier.id)), "action": "submit",
        "csrf_token": token(client)})
    assert submitted.status_code == 302
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.disciplines == ["ceramics", "glass"]
    assert [w.title for w in application.artworks] == ["Fjære 0", "Fjære 1", "Fjære 2"]
    html = client.get("/apply").get_data(as_text=True)
    assert "app-status--submitted" in html


def test_submit_lists_every_problem_at_its_field_and_keeps_the_draft(client, db, edition):
    sign_in_applicant(client, db)
    application = start(client)
    response = client.post("/apply/form", data={
        **details(address="", statement="For kort."), "action": "submit",
        "csrf_token": token(client)})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert errors_at(html, "address")
    assert errors_at(html, "municipality_id")
    assert errors_at(html, "statement")
    assert "cv" in html and "works" in html
    db.session.expire_all()
    kept = db.session.get(Application, application.id)
    assert kept.status == ApplicationStatus.DRAFT
    assert kept.statement == "For kort." and kept.phone == "900 00 000"


def test_bad_formats_come_back_at_their_fields_with_the_form_filled_in(client, db, edition):
    sign_in_applicant(client, db)
    start(client)
    response = client.post("/apply/form", data={
        **details(website="javascript:alert(1)", email="not an address"),
        "action": "save", "csrf_token": token(client)})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert errors_at(html, "website") and errors_at(html, "email")
    assert 'value="Strandveien 3"' in html
    assert Application.query.one().address is None  # nothing half-saved


BAD_FILES = {
    "renamed program": b"MZ\x90\x00" + b"\x00" * 200,
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "html": b"<!doctype html><title>x</title>",
    "truncated jpeg": jpeg()[:2000],
    "30000 x 30000 pixels": png_header_only(30000, 30000),
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_at_the_field_and_the_rest_kept(client, db, edition, content):
    sign_in_applicant(client, db)
    application = start(client)
    response = add_work(client, title="Min tittel", image=content)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert errors_at(html, "new-image")
    assert 'value="Min tittel"' in html
    assert application.artworks == []


def test_double_submission_submits_once_and_writes_one_audit_entry(client, db, edition):
    user = sign_in_applicant(client, db)
    application = factories.application(edition, user)
    db.session.commit()
    form = {**details(municipality_id=str(application.municipality_id),
                      statement=factories.STATEMENT),
            "action": "submit", "csrf_token": token(client)}
    assert client.post("/apply/form", data=form).status_code == 302
    assert client.post("/apply/form", data=form).status_code == 302
    submitted = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "application.submitted")).all()
    assert len(submitted) == 1


def test_starting_twice_gives_one_application(client, db, edition):
    sign_in_applicant(client, db)
    start(client)
    client.post("/apply/start", data={"csrf_token": token(client)})
    assert Application.query.count() == 1


def test_a_post_after_the_deadline_keeps_the_draft_and_says_so(client, db, clock):
    edition = factories.open_edition(closes_on=factories.date(2026, 11, 18))
    db.session.commit()
    deadline = factories.oslo_midnight_after(edition.application_closes_on)
    clock.set(deadline - timedelta(minutes=20))
    sign_in_applicant(client, db)
    application = start(client)
    form_token = token(client)
    clock.set(deadline)
    response = client.post("/apply/form", data={
        **details(phone="911 11 111"), "action": "submit", "csrf_token": form_token},
        follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "fristen" in html.lower() or "deadline" in html.lower()
    db.session.expire_all()
    kept = db.session.get(Application, application.id)
    assert kept.phone == "911 11 111" and kept.status == ApplicationStatus.DRAFT


def test_a_submitted_application_can_be_changed_and_stays_submitted(client, db, edition):
    user = sign_in_applicant(client, db)
    application = factories.application(edition, user, status=ApplicationStatus.SUBMITTED)
    db.session.commit()
    form = {**details(municipality_id=str(application.municipality_id),
                      statement=factories.STATEMENT + " Ny setning."),
            "action": "save", "csrf_token": token(client)}
    assert client.post("/apply/form", data=form).status_code == 302
    db.session.expire_all()
    kept = db.session.get(Application, application.id)
    assert kept.status == ApplicationStatus.SUBMITTED
    assert kept.statement.endswith("Ny setning.")

    emptied = client.post("/apply/form", data={**form, "address": ""})
    assert emptied.status_code == 400
    db.session.expire_all()
    assert db.session.get(Application, application.id).address == "Strandveien 3"


def test_withdraw_asks_first_and_a_withdrawn_one_can_be_taken_up_again(client, db, edition):
    user = sign_in_applicant(client, db)
    application = factories.application(edition, user, status=ApplicationStatus.SUBMITTED)
    db.session.commit()
    page = client.get("/apply/withdraw").get_data(as_text=True)
    assert 'action="/apply/withdraw"' in page
    assert client.post("/apply/withdraw", data={"csrf_token": token(client)}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == ApplicationStatus.WITHDRAWN
    assert client.post("/apply/reopen", data={"csrf_token": token(client)}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == ApplicationStatus.DRAFT


def test_works_can_be_reordered_and_removed(client, db, edition):
    user = sign_in_applicant(client, db)
    application = factories.application(edition, user)
    db.session.commit()
    first, second, third = application.artworks
    client.post(f"/apply/works/{second.id}/move", data={"csrf_token": token(client),
                                                        "direction": "up"})
    client.post(f"/apply/works/{first.id}/remove", data={"csrf_token": token(client)})
    db.session.expire_all()
    kept = db.session.get(Application, application.id)
    assert [(w.title, w.position) for w in kept.artworks] == [("Verk 2", 0), ("Verk 3", 1)]


def test_the_preview_shows_what_the_jury_sees_and_nothing_that_names_the_applicant(client, db,
                                                                                    edition):
    user = sign_in_applicant(client, db)
    application = factories.application(
        edition, user, name="Kari Nordmann", website="https://karikeramikk.no",
        phone="912 34 567", statement=factories.STATEMENT + " Laget av Kari i Lier.")
    factories.artwork(application, title="Skål av Nordmann")
    db.session.commit()
    html = client.get("/apply/preview").get_data(as_text=True)
    body = html[html.index('<article class="anon"'):html.index("</article>")]
    for private in ("912 34 567", "karikeramikk.no", "Strandveien", user.email, "cv.pdf"):
        assert private not in body
    assert "Verk 1" in body and "Steintøy" in body
    assert html.count('class="app-warning"') >= 3  # the page's note, the statement, the title


def test_a_returning_applicant_starts_from_last_years_application(client, db, edition):
    user = sign_in_applicant(client, db)
    last_year = factories.edition(2026, application_opens_on=factories.date(2025, 11, 1),
                                  application_closes_on=factories.date(2026, 1, 15))
    earlier = factories.application(last_year, user, website="https://kari.example.no",
                                    disciplines=["ceramics", "glass"],
                                    status=ApplicationStatus.SUBMITTED)
    db.session.commit()
    application = start(client)
    assert application.copied_from_id == earlier.id
    assert application.disciplines == ["ceramics", "glass"]
    assert application.address == "Strandveien 3" and application.statement == earlier.statement
    assert [w.image_id for w in application.artworks] == [w.image_id for w in earlier.artworks]
    assert application.status == ApplicationStatus.DRAFT


def test_an_artist_on_the_route_starts_from_their_artist_page(client, db, edition):
    last_year = factories.edition(2026)
    participant(last_year, name="Kari Nordmann", email="kari@example.org", bio="Om meg.",
                disciplines=("glass",))
    db.session.commit()
    sign_in_applicant(client, db)
    application = start(client)
    assert application.name == "Kari Nordmann" and application.statement == "Om meg."
    assert application.disciplines == ["glass"] and application.municipality is not None
