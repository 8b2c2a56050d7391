"""Factories of the newsletter: subscribers and newsletters (flushed, with defaults)."""

from kunstrute.extensions import db
from kunstrute.newsletter.models import Newsletter, Subscriber, SubscriberStatus


def subscriber(email: str, *, status: str = "pending", consent_text: str = "ja") -> Subscriber:
    """Return a subscriber in a status, as if they had got there through the form."""
    found = Subscriber(email=email, status=SubscriberStatus(status), consent_text=consent_text)
    db.session.add(found)
    db.session.flush()
    return found


def newsletter(*, subject: str = "Nytt fra ruta", body: str = "Hei **alle**!") -> Newsletter:
    found = Newsletter(subject=subject, body_markdown=body)
    db.session.add(found)
    db.session.flush()
    return found
