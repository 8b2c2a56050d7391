"""Invitations: who is asked (the edition's artists, or a pasted list), their personal links,
and the e-mails: the invitation once, then reminders to those who have not answered.

The link's token is a keyed digest (SECRET_KEY) of the invitation's random salt, so the same
link can be sent again in every reminder; the database keeps only the token's SHA-256, which
is what a visit to /survey/<token> is looked up by.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from kunstrute import mail
from kunstrute.audit.services import record
from kunstrute.editions.queries import edition_for_year, edition_participations
from kunstrute.extensions import db
from kunstrute.surveys.models import Survey, SurveyAudience, SurveyInvitation, SurveyStatus
from kunstrute.text import normalise_email, one_line
from kunstrute.timeutil import oslo_today, to_oslo, utcnow

#: The most addresses one paste may hold (the network is a few dozen people).
MAX_PASTED = 2000


@dataclass
class PasteReport:
    added: int = 0
    #: Already invited, or twice in the list.
    duplicates: int = 0
    #: (line number, the line, why) for every line that is not an address.
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def parse_addresses(text: str) -> tuple[list[tuple[int, str, str | None]], PasteReport]:
    """Return [(line, e-mail, name)] from lines 'kari@x.no' or 'Kari Nord <kari@x.no>'."""
    report, found = PasteReport(), []
    lines = (text or "").splitlines()
    if sum(1 for line in lines if line.strip()) > MAX_PASTED:
        report.errors.append((0, "", _("At most %(num)d addresses at a time.", num=MAX_PASTED)))
        return [], report
    for number, line in enumerate(lines, start=1):
        line = line.strip().rstrip(",;")
        if not line:
            continue
        name, address = parseaddr(line)
        if "<" not in line:
            name, address = "", line
        try:
            address = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError:
            report.errors.append((number, line[:200], _("not an e-mail address")))
            continue
        found.append((number, normalise_email(address), one_line(name)[:160] or None))
    return found, report


def add_pasted(*, survey: Survey, text: str, actor=None) -> PasteReport:
    """Invite every good address of the pasted lines once; flush. Nothing is sent yet."""
    found, report = parse_addresses(text)
    if report.errors:
        return report  # nothing half-added: the organiser fixes the lines and pastes again
    known = _invited(survey)
    for _number, email, name in found:
        if email in known:
            report.duplicates += 1
            continue
        known.add(email)
        db.session.add(SurveyInvitation(survey_id=survey.id, email=email, name=name))
        report.added += 1
    db.session.flush()
    if report.added:
        record(actor=actor, action="survey.invited", obj=survey, detail=f"{report.added} pasted")
    return report


def add_artists(*, survey: Survey, actor=None) -> int:
    """Invite the accepted artists of the survey's edition not invited yet; return how many."""
    edition = survey.edition or edition_for_year(survey.year)
    if edition is None or survey.audience != SurveyAudience.ARTISTS:
        return 0
    known, added = _invited(survey), 0
    for participation in edition_participations(edition):
        email = normalise_email(participation.artist.email)
        if email in known:
            continue
        known.add(email)
        db.session.add(SurveyInvitation(survey_id=survey.id, email=email,
                                        name=participation.artist.name,
                                        participation_id=participation.id))
        added += 1
    db.session.flush()
    if added:
        record(actor=actor, action="survey.invited", obj=survey, detail=f"{added} artists")
    return added


def _invited(survey: Survey) -> set[str]:
    return set(db.session.scalars(sa.select(SurveyInvitation.email)
                                  .where(SurveyInvitation.survey_id == survey.id)))


def remove_invitation(*, invitation: SurveyInvitation, actor=None) -> None:
    """Remove an invitee who was not sent the invitation yet; flush."""
    if invitation.sent_at is not None:
        raise ValueError("already sent")
    record(actor=actor, action="survey.uninvited", obj=invitation.survey, detail="one")
    db.session.delete(invitation)
    db.session.flush()


# --- Links ---------------------------------------------------------------------------------

def link_token(invitation: SurveyInvitation) -> str:
    """Return the token of the invitation's personal link (the same every time)."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"survey-invitation:{invitation.salt}".encode(), "sha256")
    return digest.hexdigest()[:40]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for(token: str) -> SurveyInvitation | None:
    """Return the invitation a link's token names, or None."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(sa.select(SurveyInvitation)
                             .where(SurveyInvitation.token_hash == hash_token(token)))


# --- E-mails -------------------------------------------------------------------------------

def compose(invitation: SurveyInvitation, *, reminder: bool) -> mail.Mail:
    """Return the invitation or reminder e-mail, Norwegian first and English below."""
    survey = invitation.survey
    link = mail.external_url("surveys.answer", token=link_token(invitation))
    parts = {}
    for language in ("nb", "en"):
        with force_locale(language):
            parts[language] = render_template(
                "email/survey_invitation.txt", survey=survey, invitation=invitation,
                link=link, reminder=reminder, language=language,
                title=survey.title(language), intro=survey.intro(language))
    with force_locale("nb"):
        subject = (_("Reminder: %(title)s", title=survey.title_nb) if reminder
                   else survey.title_nb)
    text = parts["nb"] + "\n\n-- English --\n\n" + parts["en"]
    return mail.Mail(to=invitation.email, subject=subject, text=text)


def send_invitation(*, invitation: SurveyInvitation, send=mail.send) -> bool:
    """Send the invitation if it has not gone yet; set its link; return whether it went."""
    if invitation.sent_at is not None:
        return False
    invitation.token_hash = hash_token(link_token(invitation))
    send(compose(invitation, reminder=False))
    invitation.sent_at = utcnow()
    db.session.flush()
    return True


def _last_contact(invitation: SurveyInvitation) -> datetime | None:
    return invitation.last_reminded_at or invitation.sent_at


def reminder_due(invitation: SurveyInvitation, today: date) -> bool:
    """Return whether the invitee is owed a reminder today (the survey's rules)."""
    survey = invitation.survey
    last = _last_contact(invitation)
    return (survey.status == SurveyStatus.OPEN and survey.is_answerable(today)
            and invitation.sent_at is not None and invitation.answered_at is None
            and invitation.reminders_sent < survey.reminder_max
            and last is not None
            and (today - to_oslo(last).date()).days >= survey.reminder_gap_days)


def due_reminders(survey: Survey) -> list[int]:
    """Return the ids of the invitations owed a reminder today."""
    today = oslo_today()
    candidates = db.session.scalars(sa.select(SurveyInvitation).where(
        SurveyInvitation.survey_id == survey.id, SurveyInvitation.sent_at.is_not(None),
        SurveyInvitation.answered_at.is_(None),
        SurveyInvitation.reminders_sent < survey.reminder_max))
    return [i.id for i in candidates if reminder_due(i, today)]


def send_reminder(*, invitation: SurveyInvitation, send=mail.send) -> bool:
    """Send one reminder if it is due; count it; return whether it went."""
    if not reminder_due(invitation, oslo_today()):
        return False
    send(compose(invitation, reminder=True))
    invitation.reminders_sent += 1
    invitation.last_reminded_at = utcnow()
    db.session.flush()
    return True


def invitation_counts(survey: Survey) -> dict:
    """Return how many are invited, sent to, reminded and have answered."""
    i = SurveyInvitation
    row = db.session.execute(sa.select(
        sa.func.count(i.id), sa.func.count(i.sent_at), sa.func.count(i.answered_at),
        sa.func.coalesce(sa.func.sum(i.reminders_sent), 0),
    ).where(i.survey_id == survey.id)).one()
    return {"invited": row[0], "sent": row[1], "answered": row[2], "reminders": row[3]}


def unsent_ids(survey: Survey) -> list[int]:
    return list(db.session.scalars(sa.select(SurveyInvitation.id).where(
        SurveyInvitation.survey_id == survey.id, SurveyInvitation.sent_at.is_(None))
        .order_by(SurveyInvitation.id)))
