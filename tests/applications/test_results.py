"""The organisers' results: ranking, filters, decisions one by one and in bulk, CSV, round."""

from datetime import date

import sqlalchemy as sa

from kunstrute.applications.models import (
    ApplicationStatus,
    Decision,
    DecisionTemplate,
    JuryRound,
)
from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role
from tests import factories
from tests.applications import jury_factories as jf
from tests.conftest import form_token


def scored_round(**kwargs):
    edition = factories.edition(application_closes_on=date(2026, 10, 1))
    jurors = [jf.user(Role.JUROR, name=f"Juror {c}") for c in "ABC"]
    jury_round = jf.jury_round(edition, jurors=jurors, **kwargs)
    strong = jf.application(edition, name="Sterk Søker", disciplines=("painting",))
    split = jf.application(edition, name="Delt Søker", municipality_name="Modum",
                           is_new=False)
    for juror, a, b in zip(jurors, (5, 4, 5), (1, 5, 3), strict=True):
        jf.score(strong, juror, a)
        jf.score(split, juror, b)
    return jury_round, jurors, strong, split


def test_the_ranking_shows_raw_and_normalised_figures_and_flags_disagreement(client, db,
                                                                          login_as):
    jury_round, jurors, strong, split = scored_round()
    login_as("organiser")
    html = client.get("/organiser/applications").get_data(as_text=True)
    assert html.index("Sterk Søker") < html.index("Delt Søker")
    assert "4.67" in html and "3.00" in html  # the raw means
    assert f'id="a{split.id}" class="ranking__disagree"' in html
    assert f'id="a{strong.id}" class="' not in html
    assert "Juror A" in html


def test_sorting_and_filters_come_from_the_query_string(client, db, login_as):
    jury_round, jurors, strong, split = scored_round()
    login_as("organiser")
    by_spread = client.get("/organiser/applications?sort=spread").get_data(as_text=True)
    assert by_spread.index("Delt Søker") < by_spread.index("Sterk Søker")
    new_only = client.get("/organiser/applications?new=1").get_data(as_text=True)
    assert "Sterk Søker" in new_only and "Delt Søker" not in new_only
    painting = client.get("/organiser/applications?discipline=painting").get_data(
        as_text=True)
    assert "Sterk Søker" in painting and "Delt Søker" not in painting


def test_a_decision_one_by_one_is_saved_and_audited(client, db, login_as):
    jury_round, jurors, strong, split = scored_round()
    login_as("organiser")
    url = f"/organiser/applications/{strong.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Juror A" in page and "Sterk Søker" in page
    response = client.post(url, data={"csrf_token": form_token(page, url),
                                      "decision": "accepted"})
    assert response.status_code == 302
    db.session.refresh(strong)
    assert strong.decision == Decision.ACCEPTED
    assert strong.status == ApplicationStatus.UNDER_REVIEW  # the status moves at publishing
    assert db.session.scalar(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "application", AuditEntry.object_id == strong.id)) \
        == "application.decided"
    assert "application.decided" in client.get(url).get_data(as_text=True)


def test_bulk_decisions(client, db, login_as):
    jury_round, jurors, strong, split = scored_round()
    login_as("organiser")
    page = client.get("/organiser/applications").get_data(as_text=True)
    response = client.post("/organiser/applications/decisions", data={
        "csrf_token": form_token(page, "/organiser/applications/decisions"),
        "ids": [strong.id, split.id], "decision": "waitlisted",
        "next": "/organiser/applications?sort=mean"})
    assert response.headers["Location"].endswith("/organiser/applications?sort=mean")
    db.session.refresh(strong)
    db.session.refresh(split)
    assert strong.decision == split.decision == Decision.WAITLISTED
    html = client.get("/organiser/applications?decision=waitlisted").get_data(as_text=True)
    assert "Sterk Søker" in html and "Delt Søker" in html


def test_decisions_cannot_change_once_published(client, db, login_as, clock):
    jury_round, jurors, strong, split = scored_round()
    strong.decision = Decision.ACCEPTED
    strong.change_status(ApplicationStatus.ACCEPTED)  # as publishing leaves it
    jury_round.decisions_published_at = clock().replace(tzinfo=None)
    db.session.flush()
    login_as("organiser")
    url = f"/organiser/applications/{strong.id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"csrf_token": form_token(page, url),
                                      "decision": "rejected"}, follow_redirects=True)
    assert "kan ikke lenger endres" in response.get_data(as_text=True)
    db.session.refresh(strong)
    assert strong.decision == Decision.ACCEPTED


def test_an_application_in_review_after_publishing_can_be_decided(client, db, login_as, clock):
    """The sample edition's round is published with its window open: late ones get decided."""
    jury_round, jurors, strong, split = scored_round()
    jury_round.decisions_published_at = clock().replace(tzinfo=None)
    db.session.flush()
    login_as("organiser")
    url = f"/organiser/applications/{split.id}"
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"csrf_token": form_token(page, url), "decision": "accepted"})
    db.session.refresh(split)
    assert split.decision == Decision.ACCEPTED


def test_the_csv_is_formula_safe_and_keeps_raw_beside_normalised(client, db, login_as):
    jury_round, jurors, strong, split = scored_round()
    strong.name = "=HYPERLINK(\"http://evil\")"
    db.session.flush()
    login_as("organiser")
    response = client.get("/organiser/applications/export.csv")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    assert "'=HYPERLINK" in text
    header = text.lstrip("\ufeff").splitlines()[0]
    assert "mean" in header and "normalised_mean" in header and "spread_max_min" in header


def test_round_settings_and_start_of_review(client, db, login_as):
    edition = factories.edition(application_closes_on=date(2026, 11, 1))
    juror = jf.user(Role.JUROR, name="Jorunn")
    submitted = jf.application(edition, status=ApplicationStatus.SUBMITTED)
    login_as("organiser")
    page = client.get("/organiser/applications/round").get_data(as_text=True)
    url = "/organiser/applications/round"
    bad = client.post(url, data={"csrf_token": form_token(page, url), "scale_min": "1",
                                 "scale_max": "12", "jurors": [juror.id]})
    assert bad.status_code == 400
    assert 'value="12"' in bad.get_data(as_text=True)
    ok = client.post(url, data={"csrf_token": form_token(page, url), "scale_min": "1",
                                "scale_max": "7", "closes_on": "2026-12-01",
                                "jurors": [juror.id]})
    assert ok.status_code == 302
    jury_round = db.session.scalar(sa.select(JuryRound))
    assert (jury_round.scale_max, [m.user_id for m in jury_round.members]) == (7, [juror.id])
    assert len(jury_round.members[0].order_seed) == 32
    client.post("/organiser/applications/round/stage", data={
        "csrf_token": form_token(page, "/organiser/applications/round/stage"),
        "action": "start_review"})
    db.session.refresh(submitted)
    assert submitted.status == ApplicationStatus.UNDER_REVIEW


def test_the_review_waits_for_the_deadline(client, db, login_as):
    edition = factories.edition(application_closes_on=date(2026, 11, 30))
    submitted = jf.application(edition, status=ApplicationStatus.SUBMITTED)
    login_as("organiser")
    page = client.get("/organiser/applications/round").get_data(as_text=True)
    client.post("/organiser/applications/round/stage", data={
        "csrf_token": form_token(page, "/organiser/applications/round/stage"),
        "action": "start_review"})
    db.session.refresh(submitted)
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_a_template_warns_of_unknown_placeholders_and_previews_escaped(app, client, db,
                                                                       login_as):
    jury_round, jurors, strong, split = scored_round()
    strong.name = "<b>Sterk</b>"
    db.session.flush()
    login_as("organiser")
    url = "/organiser/applications/templates?decision=accepted&language=en"
    page = client.get(url).get_data(as_text=True)
    action = "/organiser/applications/templates?decision=accepted&amp;language=en"
    data = {"csrf_token": form_token(page, action), "subject": "Welcome {name}",
            "body": "Hello {name}, see {nmae}", "preview_id": strong.id}
    preview = client.post(url, data={**data, "action": "preview"}).get_data(as_text=True)
    assert "nmae" in preview
    assert "Hello &lt;b&gt;Sterk&lt;/b&gt;" in preview
    assert db.session.scalar(sa.select(sa.func.count(DecisionTemplate.id))) == 0
    client.post(url, data={**data, "action": "save"})
    saved = db.session.scalar(sa.select(DecisionTemplate))
    assert (saved.language, saved.subject) == ("en", "Welcome {name}")
