"""An organiser sends a newsletter with one button, after a confirmation that says to how many,
and watches it finish; the sending itself is a background job."""

import sqlalchemy as sa

from kunstrute.newsletter.jobs import send_newsletter_job
from kunstrute.newsletter.models import NewsletterDelivery, NewsletterStatus, Subscriber
from tests import factories
from tests.conftest import csrf_token


def three_fans_and_a_newsletter(db):
    for n in range(3):
        factories.subscriber(f"fan{n}@example.no", status="confirmed")
    factories.subscriber("venter@example.no", status="pending")
    newsletter = factories.newsletter(subject="Nytt fra ruta")
    db.session.commit()
    return newsletter


def test_send_asks_first_naming_how_many_then_sends_to_every_subscriber(client, db, login_as,
                                                                         outbox):
    newsletter = three_fans_and_a_newsletter(db)
    login_as("organiser")
    show = client.get(f"/organiser/newsletters/{newsletter.id}").get_data(as_text=True)
    assert f'href="/organiser/newsletters/{newsletter.id}/send"' in show
    confirm = client.get(f"/organiser/newsletters/{newsletter.id}/send")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Send til 3 abonnenter" in page
    assert outbox() == []  # asking sends nothing
    response = client.post(f"/organiser/newsletters/{newsletter.id}/send",
                           data={"csrf_token": csrf_token(page)}, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nyhetsbrevet er på vei til 3 abonnenter." in text
    assert "Sendt til 3 av 3." in text
    assert sorted(m["To"] for m in outbox()) == [f"fan{n}@example.no" for n in range(3)]
    assert newsletter.status == NewsletterStatus.SENT
    progress = client.get(f"/organiser/newsletters/{newsletter.id}/progress.json").get_json()
    assert progress == {"status": "sent", "sent": 3, "total": 3, "text": "Sendt til 3 av 3."}


def test_send_without_the_form_token_sends_nothing(client, db, login_as, outbox):
    newsletter = three_fans_and_a_newsletter(db)
    login_as("organiser")
    response = client.post(f"/organiser/newsletters/{newsletter.id}/send", data={})
    assert response.status_code == 400
    assert outbox() == []


def test_the_page_shows_a_sending_in_progress(client, db, login_as):
    newsletter = three_fans_and_a_newsletter(db)
    newsletter.change_status(NewsletterStatus.SENDING)
    fan = db.session.scalar(sa.select(Subscriber).limit(1))
    db.session.add(NewsletterDelivery(newsletter_id=newsletter.id, subscriber_id=fan.id,
                                      sent_at=newsletter.created_at))
    db.session.commit()
    login_as("organiser")
    page = client.get(f"/organiser/newsletters/{newsletter.id}").get_data(as_text=True)
    assert "Sender: 1 av 3 er sendt." in page
    assert 'data-status="sending"' in page and "js/progress.js" in page


def test_the_sending_job_run_twice_sends_once(db, outbox):
    newsletter = three_fans_and_a_newsletter(db)
    send_newsletter_job(newsletter.id)
    send_newsletter_job(newsletter.id)
    assert len(outbox()) == 3
