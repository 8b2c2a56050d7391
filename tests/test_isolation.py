"""Each test's writes, committed or not, are gone afterwards; commits in the code still work."""

import sqlalchemy as sa

from kunstrute.auth.models import User
from kunstrute.auth.services import create_user
from kunstrute.extensions import db as _db
from tests.conftest import _rolled_back_at_the_end, csrf_token


def count_users_elsewhere() -> int:
    """Count users as another connection sees them: only what was really committed."""
    with _db.engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.count(User.id)))


def test_commits_inside_a_test_are_seen_by_the_next_request_and_undone_at_the_end(app):
    with app.app_context():
        before = count_users_elsewhere()
        with _rolled_back_at_the_end():
            create_user(email="kept@example.org", password="long enough pw", role="organiser")
            _db.session.commit()  # as a request handler does
            _db.session.rollback()  # a later rollback cannot undo what was committed
            client = app.test_client()
            page = client.get("/auth/login").get_data(as_text=True)
            response = client.post("/auth/login", data={
                "email": "kept@example.org", "password": "long enough pw",
                "csrf_token": csrf_token(page)})
            assert response.status_code == 302  # the request found the user it committed...
            runner = app.test_cli_runner()
            made = runner.invoke(args=["create-user", "cli@example.org", "--role", "juror",
                                       "--password-stdin"], input="a long password\n")
            assert made.exit_code == 0, made.output
            assert _db.session.scalar(sa.select(sa.func.count(User.id))) == before + 2
        assert count_users_elsewhere() == before  # ...and nothing of it stayed


def test_a_failed_commit_rolls_back_to_the_last_commit_only(db):
    create_user(email="first@example.org", password="long enough pw", role="juror")
    db.session.commit()
    db.session.add(User(email="first@example.org", password_hash="x", role="juror"))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
    assert db.session.scalars(sa.select(User.email)).all() == ["first@example.org"]
