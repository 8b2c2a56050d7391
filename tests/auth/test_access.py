"""Every protected URL × every role: who gets in, who is sent to sign in, who is refused."""

import pytest

from kunstrute.auth.models import Role
from kunstrute.newsletter.models import Newsletter
from tests import factories

#: URL → the roles that may open it.
PROTECTED = {
    "/organiser/": {Role.ADMIN, Role.ORGANISER},
    "/organiser/studios/{studio}/location": {Role.ADMIN, Role.ORGANISER},
    "/organiser/participations/{participation}/studio": {Role.ADMIN, Role.ORGANISER},
    "/organiser/programme/": {Role.ADMIN, Role.ORGANISER},
    "/organiser/programme/new": {Role.ADMIN, Role.ORGANISER},
    "/organiser/programme/{event}/edit": {Role.ADMIN, Role.ORGANISER},
    "/organiser/programme/{event}/registrations": {Role.ADMIN, Role.ORGANISER},
    "/organiser/programme/{event}/registrations.csv": {Role.ADMIN, Role.ORGANISER},
    "/organiser/newsletters/": {Role.ADMIN, Role.ORGANISER},
    "/organiser/newsletters/new": {Role.ADMIN, Role.ORGANISER},
    "/organiser/newsletters/{newsletter}": {Role.ADMIN, Role.ORGANISER},
    "/organiser/newsletters/{newsletter}/edit": {Role.ADMIN, Role.ORGANISER},
}


@pytest.mark.parametrize("url", PROTECTED)
@pytest.mark.parametrize("role", [None, *Role])
def test_access_matrix(client, db, login_as, url, role):
    edition = factories.edition()
    participation = factories.participant(edition)
    studio = participation.studio
    event = factories.event(edition, registration_required=True, capacity=10)
    newsletter = Newsletter(subject="Nytt", body_markdown="Hei")
    db.session.add(newsletter)
    db.session.commit()
    template = url
    url = url.format(studio=studio.id, event=event.id, newsletter=newsletter.id,
                     participation=participation.id)
    if role is not None:
        login_as(role.value)
    response = client.get(url)
    if role is None:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    elif role in PROTECTED[template]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Ingen tilgang" in response.get_data(as_text=True)
