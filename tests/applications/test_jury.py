"""The juror's pages: membership, own order, scoring, abstaining, the closed round, blind."""

import re
from datetime import date

import sqlalchemy as sa

from kunstrute.applications.models import JuryScore
from kunstrute.auth.models import Role
from tests import factories
from tests.applications import jury_factories as jf
from tests.conftest import form_token


def setup_round(login_as, *, n=3, **kwargs):
    edition = factories.edition()
    me = login_as("juror")
    others = [jf.user(Role.JUROR) for _ in range(2)]
    jury_round = jf.jury_round(edition, jurors=[me, *others], **kwargs)
    applications = [jf.application(edition, name=f"Kari Nordmann {i}",
                                   email=f"kari{i}@example.no") for i in range(n)]
    return jury_round, me, others, applications


def post_score(client, application_id, **data):
    url = f"/jury/{application_id}"
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": form_token(page, url), "action": "save",
                                  **data})


def test_home_shows_progress_and_the_way_in(client, db, login_as):
    jury_round, me, _, applications = setup_round(login_as)
    jf.score(applications[0], me, 4)
    html = client.get("/jury").get_data(as_text=True)
    assert "1 av 3 vurdert" in html
    assert "Vurder neste søknad" in html


def test_a_juror_outside_the_round_is_refused(client, db, login_as):
    edition = factories.edition()
    login_as("juror")
    other = jf.jury_round(edition, jurors=[jf.user(Role.JUROR)])
    application = jf.application(edition)
    assert client.get("/jury").status_code == 200  # an empty state, not an error
    assert client.get(f"/jury/{application.id}").status_code == 403
    artwork = application.artworks[0]
    assert client.get(f"/jury/files/{artwork.id}/jury").status_code == 403
    assert other.members


def test_an_application_not_in_review_is_not_found(client, db, login_as):
    jury_round, *_ = setup_round(login_as)
    draft = jf.application(jury_round.edition, status="draft")
    assert client.get(f"/jury/{draft.id}").status_code == 404


def test_saving_moves_to_the_next_unscored_in_the_jurors_order(client, db, login_as):
    jury_round, me, _, applications = setup_round(login_as)
    html = client.get("/jury").get_data(as_text=True)
    first = int(re.search(r'href="/jury/(\d+)"', html).group(1))
    response = post_score(client, first, score="4", comment="Sterk serie")
    assert response.status_code == 302
    second = int(response.headers["Location"].rsplit("/", 1)[1])
    assert second != first
    saved = db.session.scalar(sa.select(JuryScore).where(JuryScore.application_id == first))
    assert (saved.score, saved.comment, saved.juror_id) == (4, "Sterk serie", me.id)
    page = client.get(f"/jury/{first}").get_data(as_text=True)
    assert re.search(r'value="4"[^>]*checked|checked[^>]*value="4"', page)


def test_skip_saves_nothing_and_goes_on(client, db, login_as):
    _, _, _, applications = setup_round(login_as)
    url = f"/jury/{applications[0].id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"csrf_token": form_token(page, url), "action": "skip",
                                      "score": "5"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(JuryScore.id))) == 0


def test_a_score_outside_the_scale_is_refused_at_the_field(client, db, login_as):
    _, _, _, applications = setup_round(login_as)
    response = post_score(client, applications[0].id, score="7", comment="Kept")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="score-error"' in html
    assert "Kept" in html  # the comment comes back
    assert db.session.scalar(sa.select(sa.func.count(JuryScore.id))) == 0


def test_after_the_round_closes_nothing_is_saved(client, db, login_as, clock):
    _, me, _, applications = setup_round(login_as, closes_on=date(2026, 11, 17))
    jf.score(applications[0], me, 2)
    response = post_score(client, applications[0].id, score="5")
    assert response.status_code == 400
    assert "Runden stengte 17.11.2026" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(JuryScore.score)) == 2


def test_the_last_day_of_the_round_still_counts(client, db, login_as):
    _, _, _, applications = setup_round(login_as, closes_on=date(2026, 11, 18))
    assert post_score(client, applications[0].id, score="5").status_code == 302


def test_abstaining_removes_the_score_and_refuses_a_later_one(client, db, login_as):
    _, me, _, applications = setup_round(login_as)
    jf.score(applications[0], me, 3)
    url = f"/jury/{applications[0].id}"
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"csrf_token": form_token(page, url), "action": "abstain"})
    own = db.session.scalar(sa.select(JuryScore))
    assert own.abstained and own.score is None
    response = client.post(url, data={"csrf_token": form_token(page, url), "action": "save",
                                      "score": "4"})
    assert response.status_code == 400
    assert "Du har meldt deg inhabil" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(JuryScore.score)) is None


def test_other_jurors_scores_are_hidden_until_the_results_open(client, db, login_as):
    jury_round, me, others, applications = setup_round(login_as)
    jf.score(applications[0], others[0], 1, comment="Svak komposisjon")
    assert client.get("/jury/results").status_code == 403
    page = client.get(f"/jury/{applications[0].id}").get_data(as_text=True)
    assert "Svak komposisjon" not in page
    jury_round.results_open = True
    db.session.flush()
    results = client.get("/jury/results")
    assert results.status_code == 200
    assert "Jurymedlem 1" in results.get_data(as_text=True) or "Jurymedlem 2" in \
        results.get_data(as_text=True)


def test_the_look_through_marks_the_juror_when_finished(client, db, login_as):
    jury_round, me, _, applications = setup_round(login_as)
    last = client.get("/jury/look?n=3").get_data(as_text=True)
    assert 'action="/jury/look"' in last
    client.post("/jury/look", data={"csrf_token": form_token(last, "/jury/look")})
    member = next(m for m in jury_round.members if m.user_id == me.id)
    db.session.refresh(member)
    assert member.looked_through_at is not None
    assert 'name="score"' not in last


def test_the_home_list_sorts_by_own_score(client, db, login_as):
    _, me, _, applications = setup_round(login_as)
    jf.score(applications[0], me, 2)
    jf.score(applications[1], me, 5)
    html = client.get("/jury?sort=score").get_data(as_text=True)
    assert html.index(f"/jury/{applications[1].id}") < html.index(f"/jury/{applications[0].id}")
