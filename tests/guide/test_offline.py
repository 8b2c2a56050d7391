"""The installable app's server side: what a phone is told to save, and when to save it again."""

import json
from pathlib import Path

from kunstrute.editions.models import ParticipationStatus
from tests import factories


def saved(client) -> dict:
    response = client.get("/offline.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"  # always asked afresh
    return response.get_json()


def test_the_list_names_every_public_page_of_the_route_and_nothing_personal(client, db):
    edition = factories.edition()
    kept = factories.participant(edition)
    gone = factories.participant(edition, name="Borte Borg")
    gone.change_status(ParticipationStatus.WITHDRAWN)
    tour = factories.event(edition)
    draft = factories.event(edition, title="Utkast", status="draft")
    db.session.commit()

    pages = saved(client)["pages"]
    assert {"/", "/map", "/artists", "/programme", "/route", "/offline"} <= set(pages)
    assert f"/artists/{kept.artist.slug}" in pages
    assert f"/artists/{gone.artist.slug}" not in pages
    assert f"/programme/{tour.id}" in pages and f"/programme/{draft.id}" not in pages
    assert any(p.startswith("/map/studios.js?v=") for p in pages)
    assert not any(p.startswith(("/organiser", "/auth", "/programme/registrations"))
                   for p in pages)
    for page in pages:  # every page listed can be fetched
        assert client.get(page).status_code == 200, page


def test_the_map_files_saved_are_the_ones_the_map_page_names(client, db):
    factories.participant(factories.edition())
    db.session.commit()
    pages = saved(client)["pages"]
    html = client.get("/map").get_data(as_text=True).replace("&amp;", "&")
    script = next(p for p in pages if p.startswith("/map/studios.js"))
    assert f'src="{script}"' in html
    # map.js asks for each zoom level as data-studios + "&z=…": every level is saved.
    named = html.split('data-studios="')[1].split('"')[0]
    low, top = map(int, html.split('data-levels="')[1].split('"')[0].split(","))
    assert [p for p in pages if p.startswith("/map/studios.json")] == [
        f"{named}&z={z}" for z in range(low, top + 1)]


def test_the_version_changes_with_the_data_and_the_language_only(client, db):
    edition = factories.edition()
    artist = factories.participant(edition).artist
    db.session.commit()
    first = saved(client)["version"]
    assert saved(client)["version"] == first  # nothing changed: the phone saves nothing

    artist.name = "Nytt Navn"
    db.session.commit()
    renamed = saved(client)["version"]
    assert renamed != first

    client.get("/lang/en?next=/")
    assert saved(client)["version"] != renamed  # the saved pages are in the other language


def test_without_an_edition_the_general_pages_are_still_saved(client, db):
    body = saved(client)
    assert body["edition"] is None and "/" in body["pages"] and "/offline" in body["pages"]


def test_the_service_worker_may_fetch_tiles_and_is_never_cached(client, app):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    policy = response.headers["Content-Security-Policy"]
    assert "connect-src 'self' https://tile.openstreetmap.org" in policy
    config = json.loads(response.get_data(as_text=True).split("\n", 1)[0]
                        .removeprefix("var CONFIG = ").removesuffix(";"))
    assert config["offlinePage"] == "/offline" and config["manifestUrl"] == "/offline.json"
    static = Path(app.static_folder)
    for url in config["shell"]:  # every file it saves on install exists
        assert (static / url.removeprefix("/static/")).is_file(), url


def test_the_manifest_makes_the_site_installable(client, app):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["name"] == app.config["SITE_NAME"] and manifest["lang"] == "nb"
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        png = Path(app.static_folder, icon["src"].removeprefix("/static/")).read_bytes()
        assert png.startswith(b"\x89PNG")
        width = int.from_bytes(png[16:20], "big")
        assert f"{width}x{width}" == icon["sizes"]


def test_every_page_says_when_it_was_made(client, db):
    html = client.get("/offline").get_data(as_text=True)
    assert 'data-page-source="network"' in html
    assert 'data-rendered="20' in html and 'rel="manifest"' in html
    assert "Denne siden er ikke lagret på telefonen" in html
