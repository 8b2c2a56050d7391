"""Blind review: nothing identifying in any juror page, link or header until the lift."""

from kunstrute.auth.models import Role
from tests import factories
from tests.applications import jury_factories as jf

SECRETS = ("Ragnhild", "Østby", "ragnhild@example.no", "ragnhild-art.example.no",
           "Fjordveien 7", "Canon", "EOS R6")


def juror_pages(client, jury_round, application) -> list:
    urls = ["/jury", f"/jury/{application.id}", "/jury/look?n=1", "/jury/results",
            "/jury?sort=score"]
    urls += [f"/jury/files/{w.id}/jury" for w in application.artworks]
    return [(url, client.get(url)) for url in urls]


def everything(response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    return headers + "\n" + response.get_data().decode("utf-8", "replace")


def blind_setup(login_as):
    edition = factories.edition()
    me = login_as("juror")
    jury_round = jf.jury_round(edition, jurors=[me, jf.user(Role.JUROR)], results_open=True)
    application = jf.application(edition, name="Ragnhild Østby", email="ragnhild@example.no",
                                 website="https://ragnhild-art.example.no",
                                 address="Fjordveien 7", real_images=True)
    jf.score(application, me, 4)
    return jury_round, application


def test_no_name_or_contact_anywhere_before_the_blind_is_lifted(client, db, login_as):
    jury_round, application = blind_setup(login_as)
    for url, response in juror_pages(client, jury_round, application):
        assert response.status_code == 200, url
        text = everything(response)
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} in {url}"
        assert "Content-Disposition" not in response.headers


def test_the_file_is_private_and_its_address_names_nobody(client, db, login_as):
    jury_round, application = blind_setup(login_as)
    response = client.get(f"/jury/files/{application.artworks[0].id}/jury")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert b"Ragnhild" not in response.get_data()  # the photo's EXIF named her
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_after_the_lift_name_and_contact_appear(client, db, login_as):
    jury_round, application = blind_setup(login_as)
    jury_round.names_lifted = True
    db.session.flush()
    page = client.get(f"/jury/{application.id}").get_data(as_text=True)
    assert "Ragnhild Østby" in page
    assert "ragnhild@example.no" in page
    assert "Fjordveien 7" in page
    assert "Ragnhild Østby" in client.get("/jury/results").get_data(as_text=True)


def test_names_are_escaped(client, db, login_as):
    jury_round, application = blind_setup(login_as)
    application.name = "<script>alert(1)</script>"
    jury_round.names_lifted = True
    db.session.flush()
    page = client.get(f"/jury/{application.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page
