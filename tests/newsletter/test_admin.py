"""Organisers write a newsletter, preview it safely and send a test only to themselves."""

import pytest
import sqlalchemy as sa

from kunstrute.newsletter.models import (
    Newsletter,
    NewsletterDelivery,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token


def write(client, subject="Nytt fra ruta", body="Hei **alle**!\n\n<b>rå HTML</b>"):
    page = client.get("/organiser/newsletters/new").get_data(as_text=True)
    return client.post("/organiser/newsletters/new", data={
        "subject": subject, "body_markdown": body, "csrf_token": csrf_token(page)})


def test_write_preview_and_test_send_to_yourself(client, db, login_as, outbox):
    db.session.add(Subscriber(email="fan@example.no", status=SubscriberStatus.CONFIRMED,
                              consent_text="ja"))
    db.session.commit()
    login_as("organiser", email="ola@kunstrettvest.example")
    response = write(client)
    assert response.status_code == 302
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>alle</strong>" in preview and "&lt;b&gt;rå HTML&lt;/b&gt;" in preview
    assert "send-newsletter" in preview and "1 bekreftet abonnent" in preview
    newsletter = db.session.scalar(sa.select(Newsletter))
    client.post(f"/organiser/newsletters/{newsletter.id}/test",
                data={"csrf_token": csrf_token(preview)})
    (message,) = outbox()
    assert message["To"] == "ola@kunstrettvest.example"
    assert message["Subject"] == "[TEST] Nytt fra ruta"
    assert newsletter.status == NewsletterStatus.DRAFT


def test_the_preview_escapes_html_and_drops_javascript_links(client, db, login_as):
    login_as("organiser")
    body = ("<script>alert(1)</script>\n\n<a href=\"javascript:alert(2)\">rå lenke</a>\n\n"
            "[klikk](javascript:alert(3)) [programmet](https://example.no/programme)")
    preview = client.get(write(client, body=body).headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in preview and "&lt;script&gt;alert(1)" in preview
    assert 'href="javascript:' not in preview and "&lt;a href=&quot;javascript:" in preview
    assert "[klikk](javascript:alert(3))" in preview  # refused, shown as the text typed
    assert '<a href="https://example.no/programme">programmet</a>' in preview


def test_the_list_shows_drafts_and_how_many_a_sent_newsletter_reached(client, db, login_as):
    draft = Newsletter(subject="Utkastet", body_markdown="x")
    sent = Newsletter(subject="Det sendte", body_markdown="x", status=NewsletterStatus.SENT)
    db.session.add_all([draft, sent])
    for n in range(3):
        subscriber = Subscriber(email=f"s{n}@example.no", status=SubscriberStatus.CONFIRMED,
                                consent_text="ja")
        db.session.add(subscriber)
        db.session.flush()
        db.session.add(NewsletterDelivery(newsletter_id=sent.id, subscriber_id=subscriber.id,
                                          sent_at=utcnow()))
    db.session.commit()
    login_as("organiser")
    html = client.get("/organiser/newsletters/").get_data(as_text=True)
    assert "Utkastet" in html and "Det sendte" in html
    assert "3 bekreftede abonnenter" in html
    assert "reached 3 subscribers" in html or "nådd 3 abonnenter" in html


def test_a_newsletter_needs_a_subject_and_keeps_the_text(client, db, login_as):
    login_as("organiser")
    response = write(client, subject="", body="Teksten min")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="subject-error"' in html
    assert "Teksten min" in html
    assert db.session.scalar(sa.select(sa.func.count(Newsletter.id))) == 0


@pytest.mark.parametrize("subject", ["Nytt\r\nBcc: alle@example.no", "Nytt\u2028fra ruta"])
def test_a_subject_with_a_line_break_is_refused_at_the_field(client, db, login_as, subject):
    login_as("organiser")
    response = write(client, subject=subject, body="Teksten min")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Skriv emnet på én linje" in html
    assert "Teksten min" in html
    assert db.session.scalar(sa.select(sa.func.count(Newsletter.id))) == 0


def test_a_sent_newsletter_cannot_be_edited(client, db, login_as):
    newsletter = Newsletter(subject="Sendt", body_markdown="x", status=NewsletterStatus.SENT)
    db.session.add(newsletter)
    db.session.commit()
    login_as("organiser")
    response = client.get(f"/organiser/newsletters/{newsletter.id}/edit")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/organiser/newsletters/{newsletter.id}")


def test_blank_lines_typed_in_a_browser_make_paragraphs(client, db, login_as, outbox):
    login_as("organiser", email="ola@kunstrettvest.example")
    body = "Første avsnitt.\r\n\r\nAndre avsnitt.\rsamme avsnitt."
    preview = client.get(write(client, body=body).headers["Location"]).get_data(as_text=True)
    assert "<p>Første avsnitt.</p>\n<p>Andre avsnitt.\nsamme avsnitt.</p>" in preview
    newsletter = db.session.scalar(sa.select(Newsletter))
    client.post(f"/organiser/newsletters/{newsletter.id}/test",
                data={"csrf_token": csrf_token(preview)})
    (message,) = outbox()
    html = message.get_body(("html",)).get_content()
    assert "<p>Første avsnitt.</p>" in html and "<p>Andre avsnitt." in html
    assert "Første avsnitt.\n\nAndre avsnitt." in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize("method, path", [("get", ""), ("get", "/edit"), ("post", "/edit"),
                                          ("post", "/test")])
def test_newsletter_urls_with_a_huge_id_are_not_found(client, db, login_as, method, path):
    login_as("organiser")
    token = csrf_token(client.get("/organiser/newsletters/new").get_data(as_text=True))
    url = f"/organiser/newsletters/99999999999999999999{path}"
    assert getattr(client, method)(url, data={"csrf_token": token}).status_code == 404
