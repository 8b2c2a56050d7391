"""One rule for e-mail addresses: however a person types theirs, they are one person."""

from datetime import timedelta

import sqlalchemy as sa

from kunstrute.auth.services import authenticate, create_user
from kunstrute.editions.artist_rows import read_artists_csv
from kunstrute.editions.importer import import_artists
from kunstrute.editions.models import Artist
from kunstrute.newsletter.models import Subscriber
from kunstrute.newsletter.services import subscribe
from kunstrute.programme.registrations import register
from kunstrute.text import normalise_email
from kunstrute.timeutil import utcnow
from tests import factories

#: "Åse" with the ring typed as a combining character, as a Mac keyboard may send it.
DECOMPOSED = " A\u030aSE@Example.NO "


def test_the_rule_trims_composes_and_lower_cases():
    assert normalise_email(DECOMPOSED) == "åse@example.no"
    assert normalise_email("Straße@Example.de") == "straße@example.de"  # not "strasse"
    assert normalise_email(None) == ""


def test_an_account_signs_in_however_the_address_is_typed(db):
    user = create_user(email=DECOMPOSED, password="long enough pw", role="artist")
    assert user.email == "åse@example.no"
    assert authenticate(email="ÅSE@example.no", password="long enough pw") == user


def test_signing_up_twice_in_other_letters_is_one_registration(db):
    event = factories.event(factories.edition(), starts_at=utcnow() + timedelta(days=3),
                            capacity=5, registration_required=True)
    first, created = register(event=event, name="Åse", email="åse@example.no")
    again, created_again = register(event=event, name="Åse", email=DECOMPOSED)
    assert created and not created_again and again.id == first.id


def test_subscribing_twice_in_other_letters_is_one_subscriber(db):
    subscribe(email="åse@example.no", name=None, language="nb", consent_text="ja")
    subscribe(email=DECOMPOSED, name=None, language="nb", consent_text="ja")
    assert db.session.scalars(sa.select(Subscriber.email)).all() == ["åse@example.no"]


def test_the_importer_stores_the_same_form(db):
    edition = factories.edition()
    factories.municipality("Lier")
    text = ("name;email;disciplines;address;municipality\n"
            f"Åse Bjørnstad;{DECOMPOSED.strip()};keramikk;Søndre gate 4;Lier\n")
    report = import_artists(rows=read_artists_csv(text.encode()).rows, edition=edition)
    assert report.created == 1 and not report.rejected
    assert db.session.scalars(sa.select(Artist.email)).all() == ["åse@example.no"]
