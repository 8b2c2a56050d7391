"""Publishing the decisions: from accepted applications to artists on the route."""

import sqlalchemy as sa

from kunstrute.applications.models import ApplicationStatus, Decision
from kunstrute.editions.models import Artist, Participation, Studio
from tests import factories
from tests.applications import publish_factories as pf
from tests.conftest import csrf_token

PAGE = "/organiser/applications/publish"


def _post(client, url=PAGE):
    token = csrf_token(client.get(PAGE).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token})


def test_undecided_applications_hold_up_publishing_and_are_named(client, db, login_as):
    edition = factories.edition()
    round_ = pf.jury_round(edition)
    pf.application(edition, name="Kari Decided")
    pf.application(edition, name="Ola <b>Undecided</b>", decision=None)
    db.session.commit()
    login_as("organiser")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Ola &lt;b&gt;Undecided&lt;/b&gt;" in page
    undecided = page[page.index('id="undecided"'):]
    assert "Kari Decided" not in undecided[:undecided.index("</ul>")]

    response = _post(client)
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Participation.id))) == 0
    assert round_.decisions_published_at is None


def test_publishing_puts_the_accepted_on_the_route_with_works_and_numbers(
        client, db, login_as, outbox):
    earlier = factories.edition(2026)
    edition = factories.edition(2027)
    returning = factories.participant(earlier, name="Rune Tilbake", email="rune@example.org",
                                      catalogue_no=40)
    slug = returning.artist.slug
    kept = factories.participant(edition, name="Alt Med Nummer", catalogue_no=7)
    pf.jury_round(edition)
    new = pf.application(edition, name="Ny Kunstner", municipality_name="Asker",
                         shown=(True, False, True))
    back = pf.application(edition, name="Rune Tilbake", email="rune@example.org",
                          municipality_name="Lier", language="en")
    waiting = pf.application(edition, name="Vera Venteliste", decision=Decision.WAITLISTED)
    rejected = pf.application(edition, name="Per Nei", decision=Decision.REJECTED)
    db.session.commit()
    login_as("organiser")

    page = client.get(PAGE).get_data(as_text=True)
    assert "Du er med i Kunst rett vest 2027" in page and "You are in" in page
    assert "Du står på venteliste" in page and "Svar på søknaden" in page
    response = _post(client)
    assert response.status_code == 302

    assert new.status == ApplicationStatus.ACCEPTED and back.status == ApplicationStatus.ACCEPTED
    assert waiting.status == ApplicationStatus.WAITLISTED
    assert rejected.status == ApplicationStatus.REJECTED
    fresh = new.participation
    assert fresh.new_this_year is True
    assert [w.title for w in fresh.works] == ["Fjord", "Stein"]
    assert all(w.image.public for w in fresh.works)
    assert not new.artworks[1].image.public  # not chosen for the guide: stays private
    assert fresh.studio.address_key == "søknadsveien " + new.address.split()[-1] + "|3400"
    assert fresh.artist.user_id == new.user_id
    again = back.participation
    assert again.artist.slug == slug and again.new_this_year is False
    # Numbers given are kept; the new ones follow by municipality, then name.
    assert kept.catalogue_no == 7
    assert (fresh.catalogue_no, again.catalogue_no) == (8, 9)  # Asker before Lier
    subjects = sorted(m["Subject"] for m in outbox())
    assert subjects == ["Du er med i Kunst rett vest 2027",
                        "Du står på venteliste til Kunst rett vest 2027",
                        "Svar på søknaden til Kunst rett vest 2027",
                        "You are in Kunst rett vest 2027"]
    assert all(a.decision_mailed_at for a in (new, back, waiting, rejected))
    artist_page = client.get(f"/artists/{fresh.artist.slug}")
    assert artist_page.status_code == 200


def test_publishing_twice_does_nothing_twice(client, db, login_as, outbox):
    edition = factories.edition()
    pf.jury_round(edition)
    accepted = pf.application(edition)
    db.session.commit()
    login_as("organiser")
    _post(client)
    again = client.post(PAGE, data={"csrf_token": csrf_token(client.get("/privacy").get_data(
        as_text=True))}, follow_redirects=True)
    assert "Ingenting nytt å publisere" in again.get_data(as_text=True)
    assert len(outbox()) == 1
    assert len(accepted.participation.works) == 3
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Studio.id))) == 1


def test_a_late_decision_is_previewed_and_published_after_the_first(client, db, login_as,
                                                                     outbox):
    """The sample edition keeps its window open after publishing: later ones go out too."""
    edition = factories.edition()
    pf.jury_round(edition)
    pf.application(edition, name="Kari Først")
    db.session.commit()
    login_as("organiser")
    _post(client)
    late = pf.application(edition, name="Sen Søker", decision=Decision.REJECTED)
    db.session.commit()
    page = client.get(PAGE).get_data(as_text=True)
    assert "Svar på søknaden til" in page  # the rejection e-mail, previewed before it goes
    _post(client)
    assert late.status == ApplicationStatus.REJECTED
    assert len(outbox()) == 2


def test_a_waitlisted_artist_is_accepted_when_a_place_frees(client, db, login_as, outbox):
    edition = factories.edition()
    pf.jury_round(edition)
    pf.application(edition, name="Først Inn")
    waiting = pf.application(edition, name="Vera Venteliste", decision=Decision.WAITLISTED)
    db.session.commit()
    login_as("organiser")
    _post(client)
    assert [m["Subject"][:6] for m in outbox()].count("Du stå") == 1

    response = _post(client, f"{PAGE}/waitlist/{waiting.id}")
    assert response.status_code == 302
    assert waiting.status == ApplicationStatus.ACCEPTED
    assert waiting.participation.catalogue_no == 2
    assert sorted(m["Subject"] for m in outbox())[0] == "Du er med i Kunst rett vest 2027"
    assert len(outbox()) == 3
    assert "Vera Venteliste" in client.get("/artists").get_data(as_text=True)


def test_the_decision_mails_go_on_past_a_refused_address_and_resume_once(
        client, db, login_as, outbox, monkeypatch):
    from kunstrute import mail
    from kunstrute.applications.jobs import send_decision_mails

    edition = factories.edition()
    round_ = pf.jury_round(edition)
    refused = pf.application(edition, email="refused@example.org")
    pf.application(edition, email="fine@example.org", decision=Decision.REJECTED)
    db.session.commit()
    real_send = mail.send

    def send(message):
        if message.to == "refused@example.org":
            raise mail.AddressRefused(message.to, "no such mailbox")
        return real_send(message)

    monkeypatch.setattr(mail, "send", send)
    login_as("organiser")
    _post(client)
    assert [m["To"] for m in outbox()] == ["fine@example.org"]
    assert refused.decision_mailed_at is None

    monkeypatch.setattr(mail, "send", real_send)
    send_decision_mails(round_.id)
    send_decision_mails(round_.id)
    assert sorted(m["To"] for m in outbox()) == ["fine@example.org", "refused@example.org"]
    assert refused.decision_mailed_at is not None


def test_an_accepted_application_without_an_address_is_named_and_nothing_goes_out(
        client, db, login_as, outbox):
    edition = factories.edition()
    round_ = pf.jury_round(edition)
    pf.application(edition, name="Har Adresse")
    homeless = pf.application(edition, name="Uten <Adresse>")
    homeless.address = None
    db.session.commit()
    login_as("organiser")
    response = _post(client)
    assert response.status_code == 400
    assert "Uten &lt;Adresse&gt;" in response.get_data(as_text=True)
    assert round_.decisions_published_at is None and outbox() == []
    assert db.session.scalar(sa.select(sa.func.count(Participation.id))) == 0
