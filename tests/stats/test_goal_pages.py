"""The organisers' goal pages: the list with progress and status, the figure from grouped
labels, bad input answered at the field and kept, edit, move, delete, the audit log, escaping,
and bokmål."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.stats.models import EditionGoal, GoalUnit
from tests import factories
from tests.conftest import csrf_token, form_token
from tests.stats.goal_factories import at, goal, hostile


def english(client):
    client.get("/lang/en")


def test_the_list_shows_progress_and_status_and_escapes(db, client, login_as, clock):
    hostile(db)
    at(clock, date(2027, 9, 20))
    login_as("organiser")
    english(client)
    page = client.get("/organiser/editions/2027/goals").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Visitors per day at the exhibition" in page
    assert "≥ 200" in page and "300" in page and "Met" in page
    assert "150,0 %" in page
    assert 'style="' not in page


def new_goal_page(client):
    page = client.get("/organiser/editions/2027/goals/new")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def post_goal(client, page, **fields):
    data = {"csrf_token": csrf_token(page), "title": "200 besøkende hver dag",
            "figure": "visits.exhibition_per_day", "comparison": "at_least",
            "target": "200", "unit": "count", "baseline": ""}
    data.update(fields)
    return client.post("/organiser/editions/2027/goals/new", data=data)


def test_the_figure_is_chosen_from_grouped_labels(db, client, login_as):
    factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    english(client)
    page = new_goal_page(client)
    select = page[page.index('id="figure" name="figure"'):]
    select = select[:select.index("</select>")]
    assert '<optgroup label="Visits">' in select and '<optgroup label="Sales">' in select
    assert '<optgroup label="Applications">' in select
    assert ">Visitors per day at the exhibition</option>" in select
    assert 'value="visits.exhibition_per_day"' in select
    assert "edition" not in re.findall(r'value="([^"]*)"', select)


def test_the_2014_goals_can_be_added(db, client, login_as):
    edition = factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    page = new_goal_page(client)
    assert post_goal(client, page).status_code == 302
    assert post_goal(client, new_goal_page(client), title="+50 % søkere fra vertskommunene",
                     figure="applications.from_hosts", target="50", unit="change_percent",
                     baseline="20").status_code == 302
    saved = db.session.scalars(sa.select(EditionGoal).where(EditionGoal.edition_id == edition.id)
                               .order_by(EditionGoal.position)).all()
    assert [(g.figure, g.target, g.unit, g.baseline) for g in saved] == [
        ("visits.exhibition_per_day", 200, GoalUnit.COUNT, None),
        ("applications.from_hosts", 50, GoalUnit.CHANGE_PERCENT, 20)]
    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "goal.created")).all()
    assert len(entries) == 2 and entries[0].actor_label == "organiser@example.org"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"target": "abc"}, "target", "Write the target as a number"),
    ({"target": ""}, "target", "Write the target, e.g. 200."),
    ({"target": "-5"}, "target", "The target cannot be below 0."),
    ({"target": "1,5.0"}, "target", "Write the target as a number"),
    ({"figure": "sales.artists_with_sales_share", "target": "168", "unit": "percent"},
     "target", "A share is from 0 to 100 %"),
    ({"figure": "sales.artists_with_sales_share"}, "unit", "This figure is a share"),
    ({"figure": "sales.studios_nok"}, "unit", "This figure is an amount in kroner"),
    ({"unit": "percent"}, "unit", "This figure is a number of people or things"),
    ({"baseline": "20"}, "baseline", "A baseline is used only with a change in percent"),
    ({"unit": "change_percent", "baseline": "0"}, "baseline", "The baseline must be above 0"),
    ({"unit": "change_percent", "target": "-120"}, "target", "A change is more than -100 %"),
    ({"figure": "<script>"}, "figure", "Choose the figure the goal is measured on"),
    ({"title": ""}, "title", "Give the goal a title"),
    ({"title": "a\nb"}, "title", "Write the title on one line"),
])
def test_bad_input_is_answered_at_the_field_and_kept(db, client, login_as, fields, field,
                                                     message):
    factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    english(client)
    response = post_goal(client, new_goal_page(client), **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    assert error and message in error.group(1).replace("&#39;", "'"), page
    assert f'aria-invalid="true" id="{field}"' in page
    if "target" in fields and fields["target"]:
        assert f'value="{fields["target"]}"' in page  # nothing typed is lost
    assert 'value="200 besøkende hver dag"' in page or field == "title"
    assert db.session.scalar(sa.select(sa.func.count(EditionGoal.id))) == 0


def test_edit_changes_the_goal_and_records_it(db, client, login_as):
    edition = factories.edition(2027)
    found = goal(edition, target=12.5)
    db.session.commit()
    login_as("organiser")
    page = client.get(f"/organiser/editions/2027/goals/{found.id}/edit").get_data(as_text=True)
    assert 'value="12,5"' in page and 'value="200 besøkende hver dag"' in page
    response = client.post(f"/organiser/editions/2027/goals/{found.id}/edit", data={
        "csrf_token": csrf_token(page), "title": "250 om dagen",
        "figure": "visits.exhibition_per_day", "comparison": "at_least", "target": "1 250",
        "unit": "count", "baseline": ""})
    assert response.status_code == 302
    db.session.refresh(found)
    assert (found.title, found.target) == ("250 om dagen", 1250)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "goal.updated"))
    assert "title, target" in entry.detail and entry.object_id == found.id


def test_move_and_delete(db, client, login_as):
    edition = factories.edition(2027)
    first = goal(edition, title="Først")
    second = goal(edition, title="Så")
    db.session.commit()
    login_as("organiser")
    page = client.get("/organiser/editions/2027/goals").get_data(as_text=True)
    assert page.index("Først") < page.index("Så")
    up = f"/organiser/editions/2027/goals/{second.id}/up"
    assert client.post(up, data={"csrf_token": form_token(page, up)}).status_code == 302
    page = client.get("/organiser/editions/2027/goals").get_data(as_text=True)
    assert page.index("<h3>Så</h3>") < page.index("<h3>Først</h3>")
    delete = f"/organiser/editions/2027/goals/{first.id}/delete"
    assert client.post(delete, data={"csrf_token": form_token(page, delete)}).status_code == 302
    assert db.session.scalars(sa.select(EditionGoal.title)).all() == ["Så"]
    actions = db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "edition_goal").order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["goal.moved", "goal.deleted"]
    deleted = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "goal.deleted"))
    assert "Først" in deleted.detail and "visits.exhibition_per_day" in deleted.detail


def test_a_button_without_its_token_changes_nothing(db, client, login_as):
    edition = factories.edition(2027)
    found = goal(edition)
    db.session.commit()
    login_as("organiser")
    client.post(f"/organiser/editions/2027/goals/{found.id}/delete", data={})
    assert db.session.get(EditionGoal, found.id) is not None


def test_another_editions_goal_is_not_found(db, client, login_as):
    factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    other = goal(factories.edition(2027))
    db.session.commit()
    login_as("organiser")
    assert client.get(f"/organiser/editions/2026/goals/{other.id}/edit").status_code == 404
    assert client.get("/organiser/editions/1999/goals").status_code == 404


def test_the_pages_speak_norwegian(db, client, login_as):
    edition = factories.edition(2027)
    goal(edition)
    db.session.commit()
    login_as("organiser")
    page = client.get("/organiser/editions/2027/goals").get_data(as_text=True)
    assert "Mål for 2027" in page and "Besøkende per dag på fellesutstillingen" in page
    assert "Før kunstrunden" in page
    form = client.get("/organiser/editions/2027/goals/new").get_data(as_text=True)
    assert '<optgroup label="Besøk">' in form and "Mål" in form
    assert "Module" not in form
