"""Outgoing e-mail: .eml files in the outbox by default, SMTP when MAIL_SERVER is set.

Every message is built once as an `EmailMessage`, so the outbox file is byte for byte what
SMTP would have carried; tests read the outbox instead of faking a server.

Internationalised addresses: a domain with letters beyond ASCII is written IDNA-encoded
(`xn--…`), which every server takes. A local part beyond ASCII (`üser@…`) can only travel
as UTF-8 (RFC 6531): the message is built with the SMTPUTF8 policy, and sent only to a
server that offers SMTPUTF8; any other server gets nothing and the caller an
AddressRefused for that one recipient.
"""

from __future__ import annotations

import contextlib
import smtplib
import uuid
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

import idna
from flask import current_app

from kunstrute.text import one_line
from kunstrute.timeutil import oslo_now


@dataclass
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None
    #: Extra headers, e.g. List-Unsubscribe for newsletters.
    headers: dict[str, str] = field(default_factory=dict)


class AddressRefused(Exception):
    """One recipient could not be sent to; the others can. The message says why."""

    def __init__(self, address: str, reason: str):
        super().__init__(f"{address}: {reason}")
        self.address = address


def transport_address(address: str) -> str:
    """Return the address with its domain IDNA-encoded where it can be (`xn--…`)."""
    local, at, domain = address.strip().rpartition("@")
    if not at or domain.isascii():
        return address.strip()
    with contextlib.suppress(idna.IDNAError):  # else as typed: for SMTPUTF8 servers only
        domain = idna.encode(domain, uts46=True).decode("ascii")
    return f"{local}@{domain}"


def needs_smtputf8(message: EmailMessage) -> bool:
    """Whether the message has an address that only travels as UTF-8 (RFC 6531)."""
    return message.policy.utf8


def build_message(mail: Mail) -> EmailMessage:
    """Return the MIME message for a mail: plain text, with an HTML alternative if given."""
    config = current_app.config
    to = transport_address(mail.to)
    # Headers may not carry an encoded word in an address: UTF-8 (SMTPUTF8) is the only way.
    message = EmailMessage(policy=policy.default if to.isascii() else policy.SMTPUTF8)
    message["From"] = formataddr((config["SITE_NAME"], config["MAIL_FROM"]))
    message["To"] = to
    message["Subject"] = one_line(mail.subject)  # a line break in a header fails the send
    message["Date"] = format_datetime(oslo_now())
    message["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].rpartition("@")[2] or None)
    for name, value in mail.headers.items():
        message[name] = value
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    return message


def send(mail: Mail) -> EmailMessage:
    """Deliver one mail: over SMTP if configured, else as a file in the outbox."""
    message = build_message(mail)
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
    else:
        outbox = Path(config["MAIL_OUTBOX"])
        outbox.mkdir(parents=True, exist_ok=True)
        name = f"{oslo_now():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"  # sorts by time
        (outbox / name).write_bytes(bytes(message))
    return message


def _send_smtp(message: EmailMessage, config) -> None:
    """Send over SMTP; raise AddressRefused when the server will not take this recipient."""
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.ehlo_or_helo_if_needed()
        if needs_smtputf8(message) and not smtp.has_extn("smtputf8"):
            raise AddressRefused(message["To"], "the mail server does not take addresses "
                                 "with letters beyond ASCII (no SMTPUTF8)")
        try:
            smtp.send_message(message)  # adds SMTPUTF8 to MAIL FROM when an address needs it
        except smtplib.SMTPRecipientsRefused as exc:
            raise AddressRefused(message["To"], f"refused by the mail server: {exc}") from exc


def external_url(endpoint: str, **values) -> str:
    """Return an absolute URL on the configured BASE_URL, in a request or in a command.

    Never from the request's Host header: a sign-up sent with `Host: attacker.example` would
    otherwise e-mail its victim a real link to the attacker's site.
    """
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def outbox_messages(outbox: Path) -> list[EmailMessage]:
    """Return the messages in an outbox folder, oldest first (for tests and the dev UI)."""
    parser = BytesParser(policy=policy.default)
    return [parser.parsebytes(p.read_bytes()) for p in sorted(Path(outbox).glob("*.eml"))]
