"""Subscribing with double opt-in, unsubscribing by signed link, and composing newsletters."""

from __future__ import annotations

import hmac

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from markdown_it import MarkdownIt
from markupsafe import Markup

from kunstrute import mail
from kunstrute.audit.services import record
from kunstrute.database import insert_if_absent
from kunstrute.extensions import db
from kunstrute.newsletter.models import Subscriber, SubscriberStatus
from kunstrute.text import normalise_email
from kunstrute.timeutil import utcnow

#: A confirmation link works this long; an unsubscribe link works for ever.
CONFIRM_MAX_AGE = 7 * 24 * 3600
_SALTS = {"confirm": "newsletter-confirm", "unsubscribe": "newsletter-unsubscribe"}


class BadLink(ValueError):
    """A confirmation or unsubscribe link that was altered, is unknown or has expired."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(kind: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALTS[kind])


def _fingerprint(subscriber: Subscriber) -> str:
    """Return a short keyed digest of the address: a link stops working if it changes."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"newsletter:{subscriber.email}".encode(), "sha256").hexdigest()[:16]


def make_token(kind: str, subscriber: Subscriber) -> str:
    """Return a signed link token for "confirm" or "unsubscribe": the id, never the address.

    The payload of an itsdangerous token is only base64, readable by anyone who sees the
    link, so it carries the subscriber's id and a keyed digest of the address.
    """
    return _serializer(kind).dumps({"id": subscriber.id, "f": _fingerprint(subscriber)})


def read_token(kind: str, token: str) -> Subscriber:
    """Return the subscriber a signed link names, or raise BadLink.

    Links sent before the tokens left out the address carry it instead of the digest; they
    keep working (unsubscribe links in old newsletters must).
    """
    max_age = CONFIRM_MAX_AGE if kind == "confirm" else None
    try:
        data = _serializer(kind).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise BadLink(expired=True) from exc
    except BadSignature as exc:
        raise BadLink() from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise BadLink()
    subscriber = db.session.get(Subscriber, data["id"])
    if subscriber is None:
        raise BadLink()
    if "f" in data:
        matches = hmac.compare_digest(str(data["f"]), _fingerprint(subscriber))
    else:
        matches = subscriber.email == data.get("email")
    if not matches:
        raise BadLink()
    return subscriber


def subscribe(*, email: str, name: str | None, language: str,
              consent_text: str) -> tuple[Subscriber, bool]:
    """Record a sign-up; return (subscriber, whether to send a confirmation link).

    Nothing but the confirmation is ever sent before the person clicks it. A confirmed
    address gets no mail and no different answer, so the form reveals nobody's subscription.
    """
    email = normalise_email(email)
    subscriber = _subscriber_by_email(email)
    if subscriber is None:
        # If a simultaneous sign-up stores the address first, this one goes on with its row.
        created = insert_if_absent(Subscriber, {"email": email, "consent_text": consent_text},
                                   key=("email",))
        subscriber = _subscriber_by_email(email)
        if created:
            record(actor=None, action="subscriber.pending", obj=subscriber, detail="new")
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber, False
    subscriber.name = (name or "").strip() or None
    subscriber.language = language
    subscriber.consent_text = consent_text
    subscriber.consent_at = utcnow()
    if subscriber.status != SubscriberStatus.PENDING:  # new, or subscribing again
        subscriber.change_status(SubscriberStatus.PENDING)
    db.session.flush()
    return subscriber, True


def _subscriber_by_email(email: str) -> Subscriber | None:
    return db.session.scalar(sa.select(Subscriber).where(Subscriber.email == email))


def confirmation_for(token: str) -> Subscriber:
    """Return the subscriber a confirmation link names; refuse it after an unsubscribe."""
    subscriber = read_token("confirm", token)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise BadLink()  # an old confirmation must not undo a later unsubscribe
    return subscriber


def confirm(*, token: str) -> Subscriber:
    """Confirm the subscription a confirmation link names (again is harmless)."""
    subscriber = confirmation_for(token)
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.change_status(SubscriberStatus.CONFIRMED)
        db.session.flush()
    return subscriber


def unsubscribe(*, token: str) -> Subscriber:
    """Unsubscribe the person an unsubscribe link names (again is harmless)."""
    subscriber = read_token("unsubscribe", token)
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.change_status(SubscriberStatus.UNSUBSCRIBED)
        db.session.flush()
    return subscriber


def consent_wording() -> str:
    """Return the consent text shown next to the checkbox (stored with each sign-up)."""
    return _("Yes, send me the newsletter of %(site)s: news about the route, the artists and "
             "the programme, about ten times a year. I can unsubscribe with one click in every "
             "e-mail.", site=current_app.config["SITE_NAME"])


def send_confirmation(subscriber: Subscriber) -> None:
    """Send the double opt-in link, in the language the person subscribed in."""
    link = mail.external_url("newsletter.confirm_link", token=make_token("confirm", subscriber))
    with force_locale(subscriber.language):
        subject = _("Confirm your subscription to %(site)s",
                    site=current_app.config["SITE_NAME"])
        context = {"subscriber": subscriber, "link": link, "subject": subject}
        text = render_template("email/newsletter_confirm.txt", **context)
        html = render_template("email/newsletter_confirm.html", **context)
    mail.send(mail.Mail(to=subscriber.email, subject=subject, text=text, html=html))


# --- Newsletters ---------------------------------------------------------------------------

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})


def render_markdown(text: str) -> Markup:
    """Return the body as HTML: raw HTML is escaped and javascript: links are dropped."""
    # Safe: with "html" off, markdown-it escapes raw HTML and refuses javascript: links.
    return Markup(_markdown.render(text or ""))  # noqa: S704


def compose(newsletter, subscriber: Subscriber, *, test: bool = False) -> mail.Mail:
    """Return the e-mail for one subscriber, with one-click unsubscribe (RFC 8058)."""
    link = mail.external_url("newsletter.unsubscribe_link",
                             token=make_token("unsubscribe", subscriber))
    with force_locale(subscriber.language):
        context = {"newsletter": newsletter, "body": render_markdown(newsletter.body_markdown),
                   "unsubscribe": link, "subscriber": subscriber}
        text = render_template("email/newsletter.txt", **context)
        html = render_template("email/newsletter.html", **context)
    subject = f"[TEST] {newsletter.subject}" if test else newsletter.subject
    return mail.Mail(to=subscriber.email, subject=subject, text=text, html=html, headers={
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    })


def audience() -> int:
    """Return how many confirmed subscribers a newsletter would reach now."""
    return db.session.scalar(sa.select(sa.func.count(Subscriber.id)).where(
        Subscriber.status == SubscriberStatus.CONFIRMED))
