"""A wrong state change is refused and leaves no trace; a right one leaves exactly one entry."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.editions.models import ParticipationStatus
from kunstrute.newsletter.models import Newsletter, NewsletterStatus, Subscriber, SubscriberStatus
from kunstrute.programme.models import EventStatus, RegistrationStatus
from kunstrute.programme.registrations import cancel, register
from kunstrute.timeutil import utcnow
from kunstrute.transitions import TransitionError
from tests import factories
from tests.conftest import csrf_token, form_token


def entries(db) -> list[AuditEntry]:
    return db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()


def future_tour(capacity=5):
    return factories.event(factories.edition(), title="Atelierbuss",
                           starts_at=utcnow() + timedelta(days=3), capacity=capacity,
                           registration_required=True)


def _event(db):
    return factories.event(factories.edition(), status="cancelled"), EventStatus.DRAFT


def _participation(db):
    participation = factories.participant(factories.edition())
    participation.status = ParticipationStatus.REJECTED
    db.session.flush()
    return participation, ParticipationStatus.ACCEPTED


def _registration(db):
    registration, _ = register(event=future_tour(), name="Kari", email="kari@example.no")
    return registration, RegistrationStatus.WAITLISTED


def _subscriber(db):
    subscriber = Subscriber(email="kari@example.no", consent_text="ja",
                            status=SubscriberStatus.UNSUBSCRIBED)
    db.session.add(subscriber)
    db.session.flush()
    return subscriber, SubscriberStatus.CONFIRMED


def _newsletter(db):
    newsletter = Newsletter(subject="Nytt", body_markdown="Hei")
    db.session.add(newsletter)
    db.session.flush()
    return newsletter, NewsletterStatus.SENT


@pytest.mark.parametrize("make", [_event, _participation, _registration, _subscriber,
                                  _newsletter])
def test_a_wrong_transition_is_refused_and_changes_nothing(db, make):
    obj, wrong = make(db)
    before, recorded = obj.status, len(entries(db))
    with pytest.raises(TransitionError) as refused:
        obj.change_status(wrong)
    assert refused.value.from_state == before and refused.value.to_state == wrong
    assert refused.value.obj is obj and isinstance(refused.value, ValueError)
    db.session.flush()
    db.session.refresh(obj)
    assert obj.status == before
    assert len(entries(db)) == recorded


def test_a_visitor_cancelling_writes_one_entry_without_the_token(client, db, outbox):
    event = future_tour()
    registration, _ = register(event=event, name="Kari", email="kari@example.no")
    db.session.commit()
    token, signed_up = registration.token, entries(db)
    assert [(e.action, e.actor_label) for e in signed_up] == [
        ("registration.confirmed", "system")]
    page = client.get(f"/programme/registrations/{token}").get_data(as_text=True)
    client.post(f"/programme/registrations/{token}/cancel",
                data={"csrf_token": form_token(page, f"/programme/registrations/{token}/cancel")})
    (entry,) = entries(db)[1:]
    assert entry.action == "registration.cancelled" and entry.object_type == "registration"
    assert entry.object_id == registration.id
    assert entry.actor_id is None and entry.actor_label == "visitor"
    assert abs(entry.at - utcnow()) < timedelta(minutes=1)
    assert all(token not in e.detail for e in entries(db))


def test_an_organiser_cancelling_an_event_is_named_in_the_log(client, db, login_as):
    event = future_tour()
    db.session.commit()
    organiser = login_as("organiser", email="ola@example.org")
    page = client.get("/organiser/programme/").get_data(as_text=True)
    client.post(f"/organiser/programme/{event.id}/status",
                data={"status": "cancelled", "csrf_token": csrf_token(page)})
    (entry,) = entries(db)
    assert (entry.action, entry.object_type, entry.object_id) == (
        "event.cancelled", "event", event.id)
    assert (entry.actor_id, entry.actor_label) == (organiser.id, "ola@example.org")
    assert "correct horse" not in entry.detail and entry.detail == "from published"


def test_a_refused_status_change_on_the_page_writes_nothing(client, db, login_as):
    event = factories.event(factories.edition(), status="cancelled")
    db.session.commit()
    login_as("organiser")
    page = client.get("/organiser/programme/").get_data(as_text=True)
    response = client.post(f"/organiser/programme/{event.id}/status",
                           data={"status": "draft", "csrf_token": csrf_token(page)},
                           follow_redirects=True)
    assert "Den statusendringen er ikke mulig." in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.status == EventStatus.CANCELLED and entries(db) == []


def test_promotion_from_the_waiting_list_is_recorded(db):
    event = future_tour(capacity=1)
    first, _ = register(event=event, name="Kari", email="kari@example.no")
    second, _ = register(event=event, name="Ola", email="ola@example.no")
    cancel(registration=first)
    assert [(e.action, e.object_id) for e in entries(db)] == [
        ("registration.confirmed", first.id), ("registration.waitlisted", second.id),
        ("registration.cancelled", first.id), ("registration.confirmed", second.id)]
    assert "place became free" in entries(db)[-1].detail


def test_sending_a_newsletter_from_the_command_line_is_recorded(runner, db):
    db.session.add(Subscriber(email="fan@example.no", consent_text="ja",
                              status=SubscriberStatus.CONFIRMED))
    newsletter = Newsletter(subject="Nytt", body_markdown="Hei")
    db.session.add(newsletter)
    db.session.commit()
    result = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert result.exit_code == 0, result.output
    assert [(e.action, e.actor_label) for e in entries(db)] == [
        ("newsletter.sending", "cli"), ("newsletter.sent", "cli")]
    assert db.session.get(Newsletter, newsletter.id).sent_at is not None

