"""The e-mails that tell applicants the decision: editable templates and their rendering.

An organiser edits one template per decision and language (Norwegian bokmål and English);
until they do, the defaults below are used. A template is plain text with the placeholders
{name}, {edition}, {status_url}; anything else in braces is left as written, so a typo
shows in the preview instead of failing at sending time.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import sqlalchemy as sa

from kunstrute.applications.models import Application, Decision, DecisionTemplate
from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.mail import external_url

LANGUAGES = ("nb", "en")
PLACEHOLDERS = ("name", "edition", "status_url")

#: (decision, language) → (subject, body): used until an organiser saves their own.
DEFAULTS = {
    (Decision.ACCEPTED, "nb"): (
        "Du er med i {edition}",
        "Hei {name},\n\nJuryen har valgt deg til {edition}. Gratulerer!\n\n"
        "Logg inn for å se søknaden og holde siden din i guiden oppdatert:\n{status_url}\n\n"
        "Vennlig hilsen\narrangørene",
    ),
    (Decision.ACCEPTED, "en"): (
        "You are in {edition}",
        "Dear {name},\n\nThe jury has chosen you for {edition}. Congratulations!\n\n"
        "Sign in to see your application and keep your page in the guide up to date:\n"
        "{status_url}\n\nKind regards\nthe organisers",
    ),
    (Decision.WAITLISTED, "nb"): (
        "Du står på venteliste til {edition}",
        "Hei {name},\n\nJuryen har satt deg på venteliste til {edition}. Blir det en plass "
        "ledig, hører du fra oss.\n\nStatus for søknaden:\n{status_url}\n\n"
        "Vennlig hilsen\narrangørene",
    ),
    (Decision.WAITLISTED, "en"): (
        "You are on the waiting list for {edition}",
        "Dear {name},\n\nThe jury has put you on the waiting list for {edition}. If a place "
        "becomes free, we will let you know.\n\nYour application's status:\n{status_url}\n\n"
        "Kind regards\nthe organisers",
    ),
    (Decision.REJECTED, "nb"): (
        "Svar på søknaden til {edition}",
        "Hei {name},\n\nTakk for søknaden til {edition}. Juryen har dessverre ikke valgt deg "
        "i år. Det var mange gode søknader, og vi håper du søker igjen.\n\n"
        "Status for søknaden:\n{status_url}\n\nVennlig hilsen\narrangørene",
    ),
    (Decision.REJECTED, "en"): (
        "About your application to {edition}",
        "Dear {name},\n\nThank you for applying to {edition}. The jury has not chosen you this "
        "year. There were many strong applications, and we hope you will apply again.\n\n"
        "Your application's status:\n{status_url}\n\nKind regards\nthe organisers",
    ),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class RenderedMail(NamedTuple):
    subject: str
    body: str


def template_text(*, edition: Edition, decision: Decision, language: str) -> tuple[str, str]:
    """Return (subject, body): the organisers' saved template, else the default."""
    saved = db.session.scalar(sa.select(DecisionTemplate).where(
        DecisionTemplate.edition_id == edition.id, DecisionTemplate.decision == decision,
        DecisionTemplate.language == language))
    if saved is not None:
        return saved.subject, saved.body
    return DEFAULTS[(decision, language if language in LANGUAGES else "nb")]


def fill(text: str, values: dict[str, str]) -> str:
    """Return text with the known {placeholders} replaced; unknown ones stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_placeholders(text: str) -> list[str]:
    """Return the {names} in text that are not placeholders (for the editor's warning)."""
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(PLACEHOLDERS))


def render_decision_mail(*, application: Application, subject: str | None = None,
                         body: str | None = None) -> RenderedMail:
    """Return the decision e-mail for this application, from the given or the saved text.

    The applicant's name is inserted as plain text (the mail is text/plain): nothing they
    typed can become markup. The subject is kept to one line.
    """
    if application.decision is None:
        raise ValueError("the application has no decision")
    if subject is None or body is None:
        subject, body = template_text(edition=application.edition,
                                      decision=application.decision,
                                      language=application.language)
    values = {"name": application.name, "edition": application.edition.title,
              "status_url": external_url("applications.index")}
    filled_subject = " ".join(fill(subject, values).split())
    return RenderedMail(filled_subject, fill(body, values))
