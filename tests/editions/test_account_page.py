"""The artist's own page, /account/page: an accepted artist keeps their guide page current."""

import io

from kunstrute.editions.models import Work
from tests import factories
from tests.applications import publish_factories as pf
from tests.conftest import csrf_token, form_token
from tests.media.factories import image_bytes

PAGE = "/account/page"


def _mine(db, login_as, **kwargs):
    """Sign in as an artist who has a page; return their participation."""
    user = login_as("artist")
    edition = factories.edition()
    participation = factories.participant(edition, **kwargs)
    participation.artist.user_id = user.id
    db.session.commit()
    return participation


def test_an_artist_without_a_page_sees_why_and_cannot_add_works(client, db, login_as):
    login_as("artist")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "Du har ingen side i guiden ennå" in page.get_data(as_text=True)
    token = csrf_token(client.get("/privacy").get_data(as_text=True))
    assert client.post(f"{PAGE}/works", data={"csrf_token": token}).status_code == 404


def test_the_artist_edits_their_bio_in_two_languages_and_the_website(client, db, login_as):
    participation = _mine(db, login_as)
    token = form_token(client.get(PAGE).get_data(as_text=True), PAGE)
    response = client.post(PAGE, data={"csrf_token": token, "bio": "Norsk <b>tekst</b>.",
                                       "bio_en": "English text.",
                                       "website": "https://ase.example"})
    assert response.status_code == 302
    artist = participation.artist
    assert (artist.bio, artist.bio_en, artist.website) == (
        "Norsk <b>tekst</b>.", "English text.", "https://ase.example")
    assert "Norsk &lt;b&gt;tekst&lt;/b&gt;." in client.get(
        f"/artists/{artist.slug}").get_data(as_text=True)


def test_a_bad_website_is_named_and_the_form_comes_back_filled_in(client, db, login_as):
    participation = _mine(db, login_as)
    token = form_token(client.get(PAGE).get_data(as_text=True), PAGE)
    response = client.post(PAGE, data={"csrf_token": token, "bio": "Ny tekst",
                                       "website": "javascript:alert(1)"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="website-error"' in html and "Ny tekst" in html
    assert participation.artist.bio != "Ny tekst"


def test_the_artist_sets_their_hours_and_the_studios_access(client, db, login_as):
    participation = _mine(db, login_as)
    html = client.get(PAGE).get_data(as_text=True)
    days = [d.isoformat() for d in (o.day for o in participation.edition.open_days)][:1]
    response = client.post(f"{PAGE}/studio", data={
        "csrf_token": form_token(html, f"{PAGE}/studio"), "hours": "12-16", "days": days,
        "wheelchair_access": "yes", "accessible_toilet": "no", "parking": "unknown",
        "card_payment": "yes"})
    assert response.status_code == 302
    assert participation.opens_at.hour == 12 and len(participation.kept_days) == 1
    assert participation.studio.wheelchair_access is True


def test_a_new_work_is_checked_stored_and_shown_once_ready(client, db, login_as):
    participation = _mine(db, login_as)
    html = client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/works", data={
        "csrf_token": form_token(html, f"{PAGE}/works"), "title": "Morgenlys",
        "year": "2026", "technique": "Akvarell", "size": "30 × 40 cm",
        "image": (io.BytesIO(image_bytes(900, 600)), "IMG_0001.jpg")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    (work,) = participation.works
    assert work.image.is_ready and work.image.public
    guide = client.get(f"/artists/{participation.artist.slug}").get_data(as_text=True)
    assert 'alt="Morgenlys"' in guide and "Akvarell · 30 × 40 cm" in guide


def test_a_file_that_is_no_image_is_refused_at_the_field_and_nothing_saved(client, db,
                                                                          login_as):
    participation = _mine(db, login_as)
    html = client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/works", data={
        "csrf_token": form_token(html, f"{PAGE}/works"), "title": "Kept title",
        "image": (io.BytesIO(b"MZ\x90\x00 not an image"), "work.jpg")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="image-error"' in page and 'value="Kept title"' in page
    assert participation.works == []


def test_works_are_reordered_and_removed_and_another_artists_are_out_of_reach(
        client, db, login_as):
    participation = _mine(db, login_as)
    first, second = pf.work(participation, "Første"), pf.work(participation, "Andre")
    other = factories.participant(participation.edition, name="Annen")
    theirs = pf.work(other, "Ikke din")
    db.session.commit()
    html = client.get(PAGE).get_data(as_text=True)
    move = f"{PAGE}/works/{second.id}/move"
    client.post(move, data={"csrf_token": form_token(html, move), "to": "up"})
    assert [w.title for w in participation.works] == ["Andre", "Første"]

    remove = f"{PAGE}/works/{first.id}/remove"
    client.post(remove, data={"csrf_token": form_token(html, remove)})
    assert [w.title for w in participation.works] == ["Andre"]
    assert db.session.get(Work, first.id) is None and not first.image.public

    token = csrf_token(html)
    for url in (f"{PAGE}/works/{theirs.id}/remove", f"{PAGE}/works/{theirs.id}/move"):
        assert client.post(url, data={"csrf_token": token}).status_code == 404
    assert theirs.image.public
