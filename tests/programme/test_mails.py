"""The site's e-mails say only the site's words: what a visitor typed is not repeated."""

from datetime import datetime

import pytest

from kunstrute.programme import notify
from kunstrute.programme.registrations import register
from tests import factories

BEFORE_THE_ROUTE = datetime(2027, 9, 1, 12, 0)  # naive UTC, as "now" for sign-ups
HOSTILE_NAME = ("Kari. Your place is NOT confirmed until you pay at "
                "https://pay.evil.example/kunstrute www.evil.example")


@pytest.mark.parametrize("what", sorted(notify.SUBJECTS))
@pytest.mark.parametrize("language, greeting", [("nb", "Hei!"), ("en", "Hello,")])
def test_registration_mails_do_not_repeat_the_name_typed(db, outbox, what, language,
                                                         greeting):
    event = factories.event(factories.edition(), title="Atelierbuss",
                            registration_required=True, capacity=5)
    registration, _ = register(event=event, name=HOSTILE_NAME, email="kari@example.no",
                               language=language, now=BEFORE_THE_ROUTE)
    db.session.commit()
    notify.tell(registration, what)
    (message,) = outbox()
    text = message.get_content()
    assert text.startswith(f"{greeting}\n")
    assert "evil.example" not in text and "NOT confirmed" not in text and "Kari" not in text
    assert "evil" not in message["Subject"]


def test_the_date_line_of_an_english_mail_keeps_its_capitals(db, outbox):
    event = factories.event(factories.edition(), title="Atelierbuss",
                            starts_at=datetime(2027, 9, 9, 10, 0),
                            registration_required=True, capacity=5)
    registration, _ = register(event=event, name="Kari", email="kari@example.no",
                               language="en", now=BEFORE_THE_ROUTE)
    db.session.commit()
    notify.tell(registration, "registered")
    assert "Thursday 9 September, 12:00–13:00" in outbox()[0].get_content()
