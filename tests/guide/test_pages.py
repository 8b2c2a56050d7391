"""Public pages: content, filters, empty states, errors, escaping and security headers."""

import json

import sqlalchemy as sa

from kunstrute.editions.models import Artist
from kunstrute.guide.mapview import map_cache
from tests import factories

HOSTILE_NAME = '</script><script>alert("x")</script>${alert(1)}`<img src=x onerror=alert(2)>'


def test_front_page_without_an_edition_says_so(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Ingen kunstrunde er publisert ennå" in page.get_data(as_text=True)


def test_front_page_shows_dates_open_days_and_venue(client, db):
    edition = factories.edition(exhibition_venue="Fossekleiva kultursenter",
                                exhibition_hours="12–18")
    factories.participant(edition)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Kunst rett vest 2027" in html
    assert "9.–19. september 2027" in html
    assert "lørdag 11. september" in html and "søndag 19. september" in html
    assert "Fossekleiva kultursenter" in html and "11:00" in html


def test_english_switch_is_remembered(client, db):
    factories.edition()
    db.session.commit()
    switch = client.get("/lang/en?next=/artists")
    assert switch.status_code == 302 and switch.headers["Location"] == "/artists"
    assert "Artists" in client.get("/artists").get_data(as_text=True)
    assert "Saturday 11 September" in client.get("/").get_data(as_text=True)
    assert client.get("/lang/en?next=https://evil.example").headers["Location"] == "/"


def test_artists_are_listed_by_catalogue_number_and_filtered(client, db):
    edition = factories.edition()
    factories.participant(edition, name="Bente Berg", catalogue_no=2, disciplines=("glass",))
    factories.participant(edition, name="Anne Aas", catalogue_no=1, municipality_name="Asker")
    db.session.commit()
    html = client.get("/artists").get_data(as_text=True)
    assert html.index("Anne Aas") < html.index("Bente Berg")
    assert "Asker (1)" in html and "Glass (1)" in html
    only_glass = client.get("/artists?discipline=glass").get_data(as_text=True)
    assert "Bente Berg" in only_glass and "Anne Aas" not in only_glass
    asker = client.get("/artists?municipality=asker").get_data(as_text=True)
    assert "Anne Aas" in asker and "Bente Berg" not in asker
    none = client.get("/artists?municipality=Asker&discipline=glass").get_data(as_text=True)
    assert "Ingen kunstnere passer til disse filtrene" in none


def test_unknown_filter_values_are_named_not_an_error(client, db):
    factories.participant(factories.edition(), name="Anne Aas")
    db.session.commit()
    page = client.get("/artists?municipality=Atlantis&discipline=lava")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Anne Aas" in html
    assert "Atlantis, lava" in html


def test_artist_page_shows_studio_hours_and_safe_links(client, db):
    edition = factories.edition()
    p = factories.participant(edition, name="Åse Bjørnstad", website="https://ase.example.no",
                              wheelchair_access=True)
    mate = factories.participant(edition, name="Kåre Ødegård", studio=p.studio)
    db.session.commit()
    html = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    assert "Åse Bjørnstad" in html and "Keramikk" in html and "Atelier i hagen" in html
    assert "11–17" in html and "lørdag 11. september" in html
    assert 'href="https://ase.example.no"' in html
    assert "google.com/maps/dir/?api=1&amp;destination=59.780000,10.240000" in html
    assert f"/artists/{mate.artist.slug}" in html  # shares the studio


def test_stored_javascript_link_never_renders(client, db):
    p = factories.participant(factories.edition(), website="javascript:alert(1)")
    db.session.commit()
    html = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    assert "javascript:" not in html


def test_hostile_text_is_escaped_on_every_page(client, db):
    edition = factories.edition()
    p = factories.participant(edition, name=HOSTILE_NAME, bio=HOSTILE_NAME,
                              studio_name=HOSTILE_NAME, address=HOSTILE_NAME)
    db.session.commit()
    for url in ["/", "/map", "/artists", f"/artists/{p.artist.slug}"]:
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
    data = client.get("/map/studios.json").get_data(as_text=True)
    assert "</script>" not in data and "<img" not in data
    assert "\\u003c/script\\u003e" in data  # JSON-escaped, parsed as data only
    assert json.loads(data)[0][2]["name"] == HOSTILE_NAME


def test_unknown_artist_gives_a_helpful_404(client, db):
    factories.edition()
    db.session.commit()
    page = client.get("/artists/nobody")
    assert page.status_code == 404
    assert "Fant ikke siden" in page.get_data(as_text=True)
    assert 'href="/artists"' in page.get_data(as_text=True)


def test_server_error_page_in_the_site_design(app, client, monkeypatch):
    from kunstrute.guide import routes

    monkeypatch.setattr(routes, "current_edition", lambda: 1 / 0)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        page = client.get("/")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert page.status_code == 500
    assert "Noe gikk galt" in page.get_data(as_text=True)


def test_csp_forbids_inline_and_eval_scripts(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert script_src == "script-src 'self'"
    assert "unsafe" not in policy
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy


def test_map_page_uses_vendored_assets_and_no_inline_script(client, db):
    factories.participant(factories.edition())
    db.session.commit()
    html = client.get("/map").get_data(as_text=True)
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "cdn" not in html.lower() and "<script>" not in html
    assert "<style" not in html and "style=" not in html


def test_map_is_built_once_until_the_data_changes(client, db):
    p = factories.participant(factories.edition(), name="Anne Aas")
    db.session.commit()
    before = map_cache.builds
    first = client.get("/map").get_data(as_text=True)
    client.get("/map")
    client.get("/map/studios.js")
    data = client.get("/map/studios.json").get_data(as_text=True)
    assert map_cache.builds == before + 1
    assert "Anne Aas" in data
    db.session.get(Artist, p.artist_id).name = "Anne Aas-Berg"
    db.session.commit()
    second = client.get("/map").get_data(as_text=True)
    assert map_cache.builds == before + 2
    assert first != second


def test_map_is_built_once_per_language(client, db):
    factories.participant(factories.edition(), disciplines=["ceramics"])
    db.session.commit()
    before = map_cache.builds
    assert "Keramikk" in client.get("/map/studios.json").get_data(as_text=True)
    client.get("/lang/en")
    assert "Ceramics" in client.get("/map/studios.json").get_data(as_text=True)
    client.get("/lang/nb")
    client.get("/map/studios.json")
    assert map_cache.builds == before + 2


def test_map_script_versions_cache_forever_and_stale_ones_not(client, db):
    factories.participant(factories.edition())
    db.session.commit()
    html = client.get("/map").get_data(as_text=True)
    src = html.split('src="/map/studios.js?v=')[1].split('"')[0]
    for name in ("studios.js", "studios.json"):
        fresh = client.get(f"/map/{name}?v={src}")
        assert "immutable" in fresh.headers["Cache-Control"]
        assert client.get(f"/map/{name}?v=old").headers["Cache-Control"] == "no-cache"
    assert f'data-studios="/map/studios.json?v={src}"' in html


def test_map_data_holds_every_placed_studio(client, db):
    edition = factories.edition()
    for n in range(1, 6):
        factories.participant(edition, catalogue_no=n, lat=59.7 + n / 100)
    factories.participant(edition, catalogue_no=6, lat=None, lon=None)
    db.session.commit()
    response = client.get("/map/studios.json")
    assert response.mimetype == "application/json"
    assert sorted(row[2]["n"] for row in response.get_json()) == [1, 2, 3, 4, 5]
    html = client.get("/map").get_data(as_text=True)
    assert html.count('class="card"') == 6  # the list has every studio, placed or not


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}




def test_artist_slugs_are_stable_and_unique(db):
    factories.municipality("Lier")
    from kunstrute.editions.importer import unique_slug

    db.session.add(Artist(name="Åse", email="a@example.org", slug="ase"))
    db.session.flush()
    assert unique_slug("Åse") == "ase-2"
    assert db.session.scalar(sa.select(Artist.slug)) == "ase"


def test_accessibility_statement_and_privacy_pages(client, db):
    statement = client.get("/accessibility").get_data(as_text=True)
    assert "Tilgjengelighetserklæring" in statement and "WCAG 2.1 nivå AA" in statement
    assert "uutilsynet.no" in statement and "mailto:post@kunstrettvest.example" in statement
    assert "22. november 2026" in statement
    privacy = client.get("/privacy").get_data(as_text=True)
    assert "Personvern" in privacy and "Datatilsynet" in privacy
    assert 'href="/accessibility"' in client.get("/").get_data(as_text=True)
