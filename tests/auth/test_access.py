"""Every URL rule of the app × every method × every role: who gets in, who signs in, who not.

The rules come from app.url_map, so a new route without an expected answer in ACCESS fails
here. The table is keyed by the rule as written, not by endpoint name.
"""

import re

import pytest

from kunstrute.auth import tokens
from kunstrute.auth.models import Role
from kunstrute.auth.services import create_user
from kunstrute.counting.models import Sale, SaleSource
from kunstrute.counting.venues import venue_for
from kunstrute.newsletter.services import make_token
from kunstrute.programme.registrations import register
from kunstrute.stats.goal_services import save_goal  # issue 14: goals
from kunstrute.stats.models import GoalComparison, GoalUnit  # issue 14: goals
from kunstrute.timeutil import utcnow
from tests import factories
from tests.applications import jury_factories, publish_factories
from tests.conftest import csrf_token
from tests.counting import report_factories
from tests.surveys import factories as survey_factories

#: Anyone, signed in or not.
PUBLIC = "public"
#: Any signed-in user, whatever the role.
SIGNED_IN = "signed-in"
#: Organisers and admins only.
ORGANISERS = "organiser-only"
#: Artists who confirmed their address (applicants); another applicant's things answer 404
#: (tests/applications/test_apply_access.py).
APPLICANTS = "applicant-only"
#: Jurors only (the matrix signs the juror in as a member of the round; a juror outside it
#: is refused in tests/applications/test_jury.py).
JURORS = "juror-only"

#: Who may use each class of URL (None: not signed in).
ALLOWED = {
    PUBLIC: {None, *Role},
    SIGNED_IN: set(Role),
    ORGANISERS: {Role.ORGANISER, Role.ADMIN},
    APPLICANTS: {Role.ARTIST},
    JURORS: {Role.JUROR},
}

#: Every URL rule → the class of users it answers, for every method it accepts.
ACCESS = {
    "/": PUBLIC,
    "/accessibility": PUBLIC,
    "/apply": PUBLIC,
    "/apply/cv": APPLICANTS,
    "/apply/files/<int:artwork_id>/<variant>": APPLICANTS,
    "/apply/form": APPLICANTS,
    "/apply/preview": APPLICANTS,
    "/apply/reopen": APPLICANTS,
    "/apply/start": APPLICANTS,
    "/apply/withdraw": APPLICANTS,
    "/apply/works": APPLICANTS,
    "/apply/works/<int:artwork_id>": APPLICANTS,
    "/apply/works/<int:artwork_id>/move": APPLICANTS,
    "/apply/works/<int:artwork_id>/remove": APPLICANTS,
    "/account": SIGNED_IN,
    "/account/confirm/<token>": PUBLIC,
    "/account/confirm/again": PUBLIC,
    "/account/invitation/<token>": PUBLIC,
    "/account/password": SIGNED_IN,
    "/account/reset": PUBLIC,
    "/account/reset/<token>": PUBLIC,
    "/account/signup": PUBLIC,
    "/artists": PUBLIC,
    "/artists/<slug>": PUBLIC,
    "/auth/login": PUBLIC,
    "/auth/logout": PUBLIC,
    "/healthz": PUBLIC,
    "/lang/<code>": PUBLIC,
    "/manifest.webmanifest": PUBLIC,
    "/map": PUBLIC,
    "/map/studios.js": PUBLIC,
    "/map/studios.json": PUBLIC,
    "/media/<string:key>/<any:variant>": PUBLIC,
    "/newsletter": PUBLIC,
    "/newsletter/confirm/<token>": PUBLIC,
    "/newsletter/unsubscribe/<token>": PUBLIC,
    "/offline": PUBLIC,
    "/offline.json": PUBLIC,
    "/privacy": PUBLIC,
    "/programme": PUBLIC,
    "/programme.ics": PUBLIC,
    "/programme/<int:event_id>": PUBLIC,
    "/programme/<int:event_id>.ics": PUBLIC,
    "/programme/<int:event_id>/register": PUBLIC,
    "/programme/registrations/<token>": PUBLIC,
    "/programme/registrations/<token>/cancel": PUBLIC,
    "/programme/registrations/<token>/confirm": PUBLIC,
    "/route": PUBLIC,
    "/static/<path:filename>": PUBLIC,
    "/sw.js": PUBLIC,
    "/organiser/": ORGANISERS,
    "/organiser/newsletters/": ORGANISERS,
    "/organiser/newsletters/<int:newsletter_id>": ORGANISERS,
    "/organiser/newsletters/<int:newsletter_id>/edit": ORGANISERS,
    "/organiser/newsletters/<int:newsletter_id>/progress.json": ORGANISERS,
    "/organiser/newsletters/<int:newsletter_id>/send": ORGANISERS,
    "/organiser/newsletters/<int:newsletter_id>/test": ORGANISERS,
    "/organiser/newsletters/new": ORGANISERS,
    "/organiser/participations/<int:participation_id>/studio": ORGANISERS,
    "/organiser/programme/": ORGANISERS,
    "/organiser/programme/<int:event_id>/edit": ORGANISERS,
    "/organiser/programme/<int:event_id>/registrations": ORGANISERS,
    "/organiser/programme/<int:event_id>/registrations.csv": ORGANISERS,
    "/organiser/programme/<int:event_id>/registrations/<int:registration_id>/check-in":
        ORGANISERS,
    "/organiser/programme/<int:event_id>/status": ORGANISERS,
    "/organiser/programme/new": ORGANISERS,
    "/organiser/studios/<int:studio_id>/location": ORGANISERS,
    "/organiser/editions": ORGANISERS,
    "/organiser/editions/<int:year>/publish": ORGANISERS,
    "/organiser/editions/<int:year>/unpublish": ORGANISERS,
    "/organiser/editions/<int:year>/numbers": ORGANISERS,
    "/organiser/editions/<int:year>/numbers/renumber": ORGANISERS,
    "/organiser/editions/<int:year>/award": ORGANISERS,
    "/account/page": SIGNED_IN,
    "/account/page/studio": SIGNED_IN,
    "/account/page/works": SIGNED_IN,
    "/account/page/works/<int:work_id>/move": SIGNED_IN,
    "/account/page/works/<int:work_id>/remove": SIGNED_IN,
    "/organiser/applications/publish": ORGANISERS,
    "/organiser/applications/publish/waitlist/<int:application_id>": ORGANISERS,
    "/jury": JURORS,
    "/jury/<int:application_id>": JURORS,
    "/jury/files/<int:artwork_id>/jury": JURORS,
    "/jury/look": JURORS,
    "/jury/results": JURORS,
    "/organiser/applications": ORGANISERS,
    "/organiser/applications/<int:application_id>": ORGANISERS,
    "/organiser/applications/decisions": ORGANISERS,
    "/organiser/applications/export.csv": ORGANISERS,
    "/organiser/applications/files/<int:artwork_id>": ORGANISERS,
    "/organiser/applications/round": ORGANISERS,
    "/organiser/applications/round/stage": ORGANISERS,
    "/organiser/applications/templates": ORGANISERS,
    "/organiser/users/": ORGANISERS,
    "/organiser/users/<int:user_id>/deactivate": ORGANISERS,
    # issue 13, imports and statistics: the upload of counts and sales, the history, stats.json
    "/organiser/counting/<int:year>/import": ORGANISERS,
    "/organiser/history": ORGANISERS,
    "/organiser/editions/<int:year>/stats.json": ORGANISERS,
    "/organiser/editions/<int:year>/tables/<slug>.csv": ORGANISERS,
    # issue 13, reporting: the artists' reports and tally, the exhibition, the counting page.
    # /report without a studio answers a page that says so (GET) or 404 (POST).
    "/report": SIGNED_IN,
    "/report/tally": SIGNED_IN,
    # The personal link's key is the authority: an unknown key is a 404 for everyone.
    "/report/<key>": PUBLIC,
    "/report/<key>/tally": PUBLIC,
    "/organiser/counting/<int:year>": ORGANISERS,
    "/organiser/counting/<int:year>/exhibition": ORGANISERS,
    "/organiser/counting/<int:year>/exhibition/sales": ORGANISERS,
    "/organiser/counting/<int:year>/exhibition/sales/<int:sale_id>": ORGANISERS,
    "/organiser/counting/<int:year>/exhibition/sales/<int:sale_id>/delete": ORGANISERS,
    "/organiser/counting/<int:year>/links": ORGANISERS,
    "/organiser/counting/<int:year>/lock": ORGANISERS,
    "/organiser/counting/<int:year>/remind": ORGANISERS,
    "/organiser/counting/<int:year>/thresholds": ORGANISERS,
    "/organiser/counting/<int:year>/unlock": ORGANISERS,
    "/organiser/counting/<int:year>/venues/<int:venue_id>/link": ORGANISERS,
    "/organiser/counting/<int:year>/venues/<int:venue_id>/source": ORGANISERS,
    # issue 13: surveys
    "/survey/<token>": PUBLIC,
    "/organiser/surveys": ORGANISERS,
    "/organiser/surveys/new": ORGANISERS,
    "/organiser/surveys/<int:survey_id>": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/settings": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/status": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/preview": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/questions/new": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/questions/<int:question_id>/edit": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/questions/<int:question_id>/<any:action>": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/invitations": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/invitations/artists": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/invitations/<int:invitation_id>/remove": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/send": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/remind": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/results": ORGANISERS,
    "/organiser/surveys/<int:survey_id>/results.csv": ORGANISERS,
    # issue 13, QR check-in and posters (branch i13-checkin)
    "/c/<code>": PUBLIC,
    "/organiser/counting/<int:year>/posters": ORGANISERS,
    "/organiser/counting/<int:year>/posters/codes": ORGANISERS,
    "/organiser/counting/<int:year>/posters/<int:venue_id>.pdf": ORGANISERS,
    "/organiser/counting/<int:year>/posters/all": ORGANISERS,
    "/organiser/counting/<int:year>/posters/all.pdf": ORGANISERS,
    # issue 14: goals (the edition's goals: list, add, edit, move up/down, delete)
    "/organiser/editions/<int:year>/goals": ORGANISERS,
    "/organiser/editions/<int:year>/goals/new": ORGANISERS,
    "/organiser/editions/<int:year>/goals/<int:goal_id>/edit": ORGANISERS,
    "/organiser/editions/<int:year>/goals/<int:goal_id>/<any:action>": ORGANISERS,
    # issue 14: the dashboard
    "/organiser/editions/<int:year>/dashboard": ORGANISERS,
    # issue 14: exports (the workbook, the annual report, the municipality reports)
    "/organiser/editions/<int:year>/figures.xlsx": ORGANISERS,
    "/organiser/editions/<int:year>/report": ORGANISERS,
    "/organiser/editions/<int:year>/municipalities": ORGANISERS,
    "/organiser/editions/<int:year>/municipalities/<int:municipality_id>": ORGANISERS,
    "/organiser/editions/<int:year>/municipalities/<int:municipality_id>.pdf": ORGANISERS,
    # issue 14: the printed catalogue (a build that does not exist answers 404 to organisers)
    "/organiser/editions/<int:year>/catalogue": ORGANISERS,
    "/organiser/editions/<int:year>/catalogue/<int:build_id>.pdf": ORGANISERS,
    "/organiser/editions/<int:year>/catalogue/<int:build_id>.json": ORGANISERS,
}


def key(rule) -> str:
    """Return the rule as the table names it: converters without their arguments."""
    return re.sub(r"<(\w+)\([^)]*\):", r"<\1:", rule.rule)


def test_every_rule_has_an_expected_answer_and_every_answer_a_rule(app):
    rules = {key(rule) for rule in app.url_map.iter_rules()}
    missing = sorted(rules - ACCESS.keys())
    assert not missing, f"add it to the access table (tests/auth/test_access.py): {missing}"
    stale = sorted(ACCESS.keys() - rules)
    assert not stale, f"no such rule any more; remove it from the access table: {stale}"


def url_values(db) -> dict:
    """Create one of each object a URL names; return the values for the rules' arguments."""
    edition = factories.edition()
    participation = factories.participant(edition)
    event = factories.event(edition, registration_required=True, capacity=10)
    registration, _ = register(event=event, name="Kari", email="kari@example.no")
    subscriber = factories.subscriber("sub@example.no")
    newsletter = factories.newsletter(subject="Nytt", body="Hei")
    jury_round = jury_factories.jury_round(edition, results_open=True)
    application = jury_factories.application(edition)
    # another applicant's artwork: 404 at /apply/files
    other = create_user(email="other@example.org", password="long enough pw", role="artist",
                        confirmed=False)
    work = publish_factories.work(participation)
    # issue 13, reporting: a studio venue and a work sold at the exhibition.
    exhibition = report_factories.exhibition(edition)
    sale = Sale(venue_id=exhibition.id, participation_id=participation.id, title="Verk",
                day=edition.starts_on, source=SaleSource.DESK, amount_nok=1000)
    db.session.add(sale)
    # issue 13: surveys (a valid personal link: the answering page answers anyone who has it)
    survey = survey_factories.survey()
    invitation, survey_token = survey_factories.invitation(survey)
    # issue 14: goals (one goal of the edition; "action" is "down", as for the surveys)
    goal = save_goal(edition=edition, title="200 a day", figure="visits.exhibition_per_day",
                     comparison=GoalComparison.AT_LEAST, target=200, unit=GoalUnit.COUNT)
    db.session.commit()
    return {
        "slug": participation.artist.slug, "studio_id": participation.studio.id,
        "participation_id": participation.id, "event_id": event.id,
        "registration_id": registration.id, "newsletter_id": newsletter.id,
        "code": "en", "filename": "css/site.css", "year": edition.year, "user_id": other.id,
        "application_id": application.id, "artwork_id": application.artworks[0].id,
        "jury_round": jury_round,
        "work_id": work.id,
        "venue_id": venue_for(participation).id, "sale_id": sale.id,  # issue 13, reporting
        "survey_id": survey.id, "question_id": survey.questions[0].id,
        "invitation_id": invitation.id, "action": "down",
        "goal_id": goal.id,  # issue 14: goals
        "municipality_id": participation.studio.municipality_id,  # issue 14: exports
        "key": "no-such-key-but-long-enough", "variant": "w640",
        "token": {"/account/confirm/": tokens.make_token("confirm", other),
                  "/account/reset/": tokens.make_token("reset", other),
                  "/account/invitation/": tokens.make_token("invite", other),
                  "/newsletter/confirm/": make_token("confirm", subscriber),
                  "/newsletter/unsubscribe/": make_token("unsubscribe", subscriber),
                  "/programme/registrations/": registration.token,
                  "/survey/": survey_token},
        # issue 14: the printed catalogue (no build made: the organisers' answer is a 404)
        "build_id": 1,
    }


def build(rule, values: dict) -> str:
    """Return the rule's URL with real ids; a token is the one for where the rule points."""
    arguments = {}
    for name in rule.arguments:
        assert name in values, f"{rule.rule}: give url_values() a {name!r}"
        value = values[name]
        if isinstance(value, dict):
            value = next(v for prefix, v in value.items() if rule.rule.startswith(prefix))
        arguments[name] = value
    return rule.build(arguments, append_unknown=False)[1]


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r or "anonymous")
def test_every_rule_answers_every_role_as_the_table_says(app, client, db, login_as, outbox,
                                                         role):
    """GET and POST as each role; a POST carries a valid CSRF token and no data.

    Without a valid token every POST would be refused (400) before the access check runs,
    and the test could not tell a protected action from an open one.
    """
    values = url_values(db)
    if role is not None:
        user = login_as(role.value)
        user.email_confirmed_at = utcnow()  # an artist who may apply (can_apply)
        db.session.commit()
        if role == Role.JUROR:  # a member of the round: the juror's own pages answer
            jury_factories.join(values["jury_round"], user)
            db.session.commit()
    # A session-bound token: the sign-in form's, or the sign-out form's on any page.
    token = csrf_token(client.get("/auth/login" if role is None else "/privacy").get_data(
        as_text=True))
    session_cookie = client.get_cookie("session").value
    failures = []
    # Signing out ends the session on the server, copies of the cookie included: last.
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule == "/auth/logout",
                                                                 r.rule)):
        if key(rule) not in ACCESS:
            failures.append(f"{rule.rule}: add it to the access table")
            continue
        allowed = role in ALLOWED[ACCESS[key(rule)]]
        url = build(rule, values)
        for method in sorted({"GET", "POST"} & rule.methods):
            fresh = app.test_client()  # each request signed in anew: a sign-out stays local
            fresh.set_cookie("session", session_cookie)
            data = {"csrf_token": token} if method == "POST" else None
            try:
                response = fresh.open(url, method=method, data=data)
            except Exception as exc:  # report every rule, not only the first that breaks
                problem = f"raised {exc!r}"
            else:
                problem = wrong_answer(response, role, allowed)
            if problem:
                failures.append(f"{method} {url} ({rule.rule}) as {role or 'anonymous'}: "
                                f"{problem}")
    assert not failures, "\n".join(failures)


def wrong_answer(response, role, allowed: bool) -> str | None:
    """Say what is wrong with the answer, or return None."""
    status = response.status_code
    to_sign_in = status == 302 and "/auth/login" in response.headers.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    if allowed and (to_sign_in or status == 403):
        return f"refused ({status} {response.headers.get('Location', '')}) but allowed"
    if not allowed and role is None and not to_sign_in:
        return f"{status} instead of a redirect to sign in"
    if not allowed and role is not None and status != 403:
        return f"{status} instead of 403"
    return None
