"""Organisers set a studio's access information and an artist's own hours and days."""

import re
from datetime import date, time

from tests import factories
from tests.conftest import csrf_token

SAT, SUN, SAT2, SUN2 = date(2027, 9, 11), date(2027, 9, 12), date(2027, 9, 18), date(2027, 9, 19)


def setup(db, login_as):
    edition = factories.edition()
    p = factories.participant(edition, name="Åse Bjørnstad")
    factories.participant(edition, name="Kåre Ødegård", studio=p.studio)
    db.session.commit()
    login_as("organiser")
    return p, f"/organiser/participations/{p.id}/studio"


def post(client, url, **fields):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **fields})


def test_the_form_comes_filled_in_with_every_open_day_checked(client, db, login_as):
    p, url = setup(db, login_as)
    p.studio.parking = True
    db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "Åpningstid og tilgjengelighet: Åse Bjørnstad" in html
    assert html.count('type="checkbox" value="2027-09-') == 4
    assert html.count("checked") == 8  # four days, parking yes, three access not stated
    assert re.search(r'<input checked[^>]*name="parking" type="radio" value="yes"', html)
    assert re.search(r'<input checked[^>]*name="card_payment" type="radio" value="unknown"', html)
    assert 'name="hours" type="text" value=""' in html
    assert "Atelieret er delt" in html  # Kåre works there too


def test_good_input_saves_hours_days_and_access_in_one_go(client, db, login_as):
    p, url = setup(db, login_as)
    response = post(client, url, hours="12.00–16", days=["2027-09-11", "2027-09-12"],
                    wheelchair_access="yes", card_payment="yes", parking="no")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/organiser/#studio-details")
    db.session.refresh(p)
    assert (p.opens_at, p.closes_at) == (time(12), time(16))
    assert [k.day for k in p.kept_days] == [SAT, SUN]
    studio = p.studio
    assert (studio.wheelchair_access, studio.card_payment, studio.parking) == (True, True, False)
    overview = client.get("/organiser/").get_data(as_text=True)
    assert "Åpningstid og tilgjengelighet for Åse Bjørnstad er lagret." in overview
    assert "12–16 · lør. 11. sep., søn. 12. sep." in overview
    page = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    assert "Kortbetaling: ja" in page and "12–16" in page
    assert "Trinnfri inngang: ja" in page and "Parkering: nei" in page
    assert "Tilgjengelig toalett: ikke oppgitt" in page
    # Every day and the edition's hours again: nothing of the artist's own is kept.
    post(client, url, hours="11-17", days=[d.isoformat() for d in (SAT, SUN, SAT2, SUN2)],
         wheelchair_access="unknown")
    db.session.refresh(p)
    assert (p.opens_at, p.kept_days, p.studio.wheelchair_access) == (None, [], None)


def test_bad_hours_come_back_as_typed_with_the_error_at_the_field(client, db, login_as):
    p, url = setup(db, login_as)
    response = post(client, url, hours="17-11", days=["2027-09-18"], parking="yes")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="hours-error"' in html and "Stengetiden må være etter åpningstiden." in html
    assert 'aria-invalid="true"' in html and 'value="17-11"' in html
    assert html.count("checked") == 5  # the one day, parking yes and three not stated, as sent
    db.session.refresh(p)
    assert (p.opens_at, p.kept_days, p.studio.parking) == (None, [], None)


def test_no_day_or_a_day_that_is_not_open_is_refused(client, db, login_as):
    p, url = setup(db, login_as)
    none = post(client, url, hours="12-16")
    assert none.status_code == 400 and "Velg minst én dag" in none.get_data(as_text=True)
    assert 'value="12-16"' in none.get_data(as_text=True)
    monday = post(client, url, days=["2027-09-13"])
    assert monday.status_code == 400 and 'id="days-error"' in monday.get_data(as_text=True)
    nonsense = post(client, url, hours="fra elleve", days=["2027-09-11"])
    assert "Skriv åpningstiden som 11–17" in nonsense.get_data(as_text=True)
    db.session.refresh(p)
    assert (p.opens_at, p.kept_days) == (None, [])


def test_the_artist_page_links_organisers_to_the_form_and_nobody_else(client, db, login_as):
    edition = factories.edition()
    p = factories.participant(edition)
    db.session.commit()
    link = f'href="/organiser/participations/{p.id}/studio"'
    assert link not in client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    login_as("artist")
    assert link not in client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    client.post("/auth/logout", data={"csrf_token": csrf_token(
        client.get("/").get_data(as_text=True))})
    login_as("organiser")
    assert link in client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    assert link in client.get("/organiser/").get_data(as_text=True)


def test_an_unknown_participation_is_not_found(client, db, login_as):
    login_as("organiser")
    assert client.get("/organiser/participations/999/studio").status_code == 404
