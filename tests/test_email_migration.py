"""The e-mail migration: stored addresses end up in the normal form, collisions keep the older."""

import importlib.util
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from kunstrute.auth.models import Role, User
from kunstrute.editions.models import Artist
from kunstrute.newsletter.models import Subscriber, SubscriberStatus
from kunstrute.programme.models import Registration, RegistrationStatus
from kunstrute.text import normalise_email
from tests import factories

MIGRATION = next(Path(__file__).parents[1].glob("migrations/versions/*_normalise_emails.py"))


def load_migration():
    spec = importlib.util.spec_from_file_location("normalise_emails", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def emails(db, model) -> dict[int, str]:
    return dict(db.session.execute(sa.select(model.id, model.email)).all())


def user(email, days_ago):
    return User(email=email, password_hash="x", role=Role.ARTIST,
                created_at=datetime(2026, 1, 1) - timedelta(days=days_ago))


def test_the_migration_uses_the_app_rule():
    migration = load_migration()
    for text in (" Kari@Example.NO ", "A\u030ase@Bø.no", "Straße@x.de", ""):
        assert migration.normalise(text) == normalise_email(text)


def test_stored_addresses_are_normalised_and_collisions_keep_the_older(db):
    older, newer = user(" Kari@Example.no", 10), user("KARI@example.no", 1)
    lone, settled = user("Ola@Example.no\t", 5), user("per@example.no", 5)
    already, late = user("siri@example.no", 1), user("Siri@example.no", 0)
    db.session.add_all([older, newer, lone, settled, already, late])
    event = factories.event(factories.edition())
    other = factories.event(factories.edition(2028))
    for event_id, email in ((event.id, "Anne@X.no"), (event.id, "anne@x.no"),
                            (other.id, "ANNE@X.NO")):
        db.session.add(Registration(event_id=event_id, email=email, name="Anne",
                                    status=RegistrationStatus.CONFIRMED))
    db.session.add(Subscriber(email="Fan@Example.NO", consent_text="ja",
                              status=SubscriberStatus.CONFIRMED))
    db.session.add(Artist(email="Kunst@Example.no ", name="K", slug="k"))
    db.session.flush()

    left = load_migration().normalise_stored_emails(db.session.connection())
    db.session.expire_all()

    users = emails(db, User)
    assert users[older.id] == "kari@example.no" and users[newer.id] == "KARI@example.no"
    assert users[lone.id] == "ola@example.no" and users[settled.id] == "per@example.no"
    assert users[already.id] == "siri@example.no" and users[late.id] == "Siri@example.no"
    assert sorted(emails(db, Registration).values()) == ["Anne@X.no", "anne@x.no", "anne@x.no"]
    assert list(emails(db, Subscriber).values()) == ["fan@example.no"]
    assert list(emails(db, Artist).values()) == ["kunst@example.no"]
    assert {(table, row) for table, row, _ in left} == {
        ("users", newer.id), ("users", late.id), ("registrations", min(emails(db, Registration)))}


def test_running_it_again_changes_nothing(db):
    db.session.add(user("Kari@Example.no", 1))
    db.session.flush()
    migration = load_migration()
    migration.normalise_stored_emails(db.session.connection())
    assert migration.normalise_stored_emails(db.session.connection()) == []
    assert list(emails(db, User).values()) == ["kari@example.no"]
