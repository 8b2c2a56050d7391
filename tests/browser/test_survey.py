"""A survey answered on a phone (a refused submit, a draft resumed, the answer sent), and its
results on a laptop: accessible, fitting the screen, with hostile free text kept as text."""

from kunstrute.extensions import db
from tests.browser.conftest import HOSTILE, axe_violations
from tests.browser.test_programme import sign_in_as_organiser
from tests.surveys import factories


def test_a_survey_is_answered_on_a_phone_and_read_on_a_laptop(phone, desktop, live_server):
    with live_server["app"].app_context():
        survey = factories.survey(2027, anonymous=True)
        factories.answered(survey, "first@example.no", {"overall_satisfaction": 3,
                                                         "comments": HOSTILE})
        _, token = factories.invitation(survey, "phone@example.no")
        db.session.commit()
        survey_id = survey.id

    phone.goto(f"/survey/{token}")
    assert phone.locator("h1").inner_text() == "Evaluering 2027"
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Send inn").click()  # the required scale is missing
    group = phone.get_by_role("group", name="Hvor fornøyd er du alt i alt?", exact=False)
    assert "Svar på dette spørsmålet." in group.inner_text()
    assert axe_violations(phone) == []
    group.get_by_role("radio", name="4").check()  # a tap on the big box
    phone.get_by_label("Keramikk").check()
    phone.get_by_label("Hvor mange besøkende hadde du?").fill("140")
    phone.get_by_role("button", name="Lagre og fortsett senere").click()
    assert phone.locator("h1").inner_text() == "Svarene dine er lagret"
    phone.get_by_role("link", name="Fortsett å svare").click()
    assert phone.get_by_label("Hvor mange besøkende hadde du?").input_value() == "140"
    assert phone.locator("#q-overall_satisfaction-4").is_checked()
    phone.get_by_label("Ja").check()
    phone.get_by_role("button", name="Send inn").click()
    assert phone.locator("h1").inner_text() == "Takk for at du svarte"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []

    sign_in_as_organiser(desktop)
    desktop.goto(f"/organiser/surveys/{survey_id}/results")
    assert "2 av 2 har svart (100 %)" in desktop.locator(".lead").inner_text()
    assert "Eve</script>" in desktop.locator(".text-answers").inner_text()  # shown as text
    assert desktop.evaluate("window.__xss") is None
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280
    assert axe_violations(desktop) == []
