"""The guide shows art: works on the artist page, thumbnails in the list and the map, a
selection on the front page."""

import json
import re
from datetime import timedelta

from tests import factories
from tests.applications import publish_factories as pf


def _imgs(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def test_the_artist_page_shows_the_works_sized_lazy_below_the_first_and_escaped(client, db):
    edition = factories.edition()
    p = factories.participant(edition, name="Åse")
    pf.work(p, "Fjord <script>alert(1)</script>", width=1200, height=1600)
    pf.work(p, "Lys", width=1600, height=900, year=None, technique=None, size=None)
    pf.work(p, "Privat", public=False)  # not published: never shown
    db.session.commit()
    html = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    first, second = _imgs(html)[:2]
    assert 'width="1200" height="1600"' in first and "loading=\"lazy\"" not in first
    assert 'width="1600" height="900"' in second and 'loading="lazy"' in second
    assert 'alt="Fjord &lt;script&gt;alert(1)&lt;/script&gt;"' in first
    assert html.count('type="image/webp" srcset="') == 2 and " 640w" in html
    assert "<script>alert(1)" not in html
    assert "Olje · 60 × 80 cm" in html and "Privat" not in html


def test_the_list_has_a_thumbnail_per_artist_with_works(client, db):
    edition = factories.edition()
    with_art = factories.participant(edition, name="Med Kunst")
    factories.participant(edition, name="Uten Kunst")
    pf.work(with_art, "Første")
    pf.work(with_art, "Andre")
    db.session.commit()
    html = client.get("/artists").get_data(as_text=True)
    thumbs = [i for i in _imgs(html) if "card__thumb" in i]
    assert len(thumbs) == 1 and 'alt="Første"' in thumbs[0]
    assert 'width="72" height="72"' in thumbs[0]


def test_the_map_popup_data_carries_the_image_escaped_and_sized(client, db):
    edition = factories.edition()
    p = factories.participant(edition)
    pf.work(p, "<img src=x onerror=alert(1)>", width=800, height=600)
    db.session.commit()
    response = client.get("/map/studios.json")
    text = response.get_data(as_text=True)
    assert "<img" not in text and "\\u003cimg" in text
    (marker,) = json.loads(text)
    assert marker[2]["img"]["w"] == 800 and marker[2]["img"]["h"] == 600
    assert marker[2]["img"]["alt"] == "<img src=x onerror=alert(1)>"
    assert marker[2]["img"]["src"].endswith("/w320")


def test_the_front_page_shows_one_work_per_artist_the_same_all_day(app, client, db, clock):
    edition = factories.edition()
    for n in range(10):
        p = factories.participant(edition, name=f"Kunstner {n}")
        pf.work(p, f"Verk {n}a")
        pf.work(p, f"Verk {n}b")
    db.session.commit()

    def shown():
        html = app.test_client().get("/").get_data(as_text=True)
        return re.findall(r'alt="(Verk \d[ab])"', html)

    morning = shown()
    assert len(morning) == 8 and len({title[:-1] for title in morning}) == 8
    clock.advance(timedelta(hours=5))
    assert shown() == morning


def test_english_readers_get_the_english_bio(client, db):
    edition = factories.edition()
    p = factories.participant(edition, bio="Norsk tekst.")
    p.artist.bio_en = "English text."
    db.session.commit()
    assert "Norsk tekst." in client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    client.get("/lang/en")
    html = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    assert "English text." in html and "Norsk tekst." not in html
