"""The organisers' catalogue pages: numbers and the artist of the year."""

import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from tests import factories
from tests.conftest import csrf_token


def _token(client, url):
    return csrf_token(client.get(url).get_data(as_text=True))


def test_numbers_are_listed_in_order_and_can_be_swapped(client, db, login_as):
    edition = factories.edition()
    a = factories.participant(edition, name="Anna", catalogue_no=1)
    b = factories.participant(edition, name="Bjørn", catalogue_no=2)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/editions/{edition.year}/numbers"
    page = client.get(url).get_data(as_text=True)
    assert page.index("Anna") < page.index("Bjørn")
    response = client.post(url, data={"csrf_token": _token(client, url),
                                      f"no-{a.id}": "2", f"no-{b.id}": "1"})
    assert response.status_code == 302
    assert (a.catalogue_no, b.catalogue_no) == (2, 1)


def test_a_clash_is_named_at_the_field_and_nothing_changes(client, db, login_as):
    edition = factories.edition()
    a = factories.participant(edition, name="Anna", catalogue_no=1)
    b = factories.participant(edition, name="Bjørn <i>B</i>", catalogue_no=2)
    c = factories.participant(edition, name="Cecilie", catalogue_no=3)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/editions/{edition.year}/numbers"
    response = client.post(url, data={"csrf_token": _token(client, url), f"no-{a.id}": "2",
                                      f"no-{b.id}": "2", f"no-{c.id}": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="no-{a.id}-error"' in page and "Bjørn &lt;i&gt;B&lt;/i&gt;" in page
    assert f'id="no-{c.id}-error"' in page
    assert f'name="no-{c.id}" value="x"' in page  # what was typed comes back
    db.session.expire_all()
    assert (a.catalogue_no, c.catalogue_no) == (1, 3)


def test_renumbering_goes_by_municipality_then_name(client, db, login_as):
    edition = factories.edition()
    lier = factories.participant(edition, name="Anna", municipality_name="Lier",
                                 catalogue_no=1)
    asker_b = factories.participant(edition, name="Bodil", municipality_name="Asker",
                                    catalogue_no=2)
    asker_a = factories.participant(edition, name="Arne", municipality_name="Asker",
                                    catalogue_no=3)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/editions/{edition.year}/numbers"
    client.post(f"{url}/renumber", data={"csrf_token": _token(client, url)})
    assert [asker_a.catalogue_no, asker_b.catalogue_no, lier.catalogue_no] == [1, 2, 3]


def test_the_artist_of_the_year_is_named_shown_and_audited(app, client, db, login_as):
    edition = factories.edition()
    winner = factories.participant(edition, name="Vinner <Vinnersen>")
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/editions/{edition.year}/award"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Årets kunstner"' in page
    response = client.post(url, data={
        "csrf_token": _token(client, url), "participation": winner.id, "title": "Årets kunstner",
        "amount_nok": "10000", "citation": "For <lys> og fjord."})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "award.named"))
    visitor = app.test_client()
    for page in (visitor.get("/"), visitor.get(f"/artists/{winner.artist.slug}")):
        html = page.get_data(as_text=True)
        assert "Årets kunstner" in html and "For &lt;lys&gt; og fjord." in html
        assert "Vinner &lt;Vinnersen&gt;" in html


def test_an_award_form_with_no_artist_chosen_comes_back_with_a_message(client, db, login_as):
    edition = factories.edition()
    factories.participant(edition)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/editions/{edition.year}/award"
    response = client.post(url, data={"csrf_token": _token(client, url), "title": "",
                                      "amount_nok": "-5", "citation": "Kept text"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kept text" in page and 'id="title-error"' in page
    assert 'id="amount_nok-error"' in page
