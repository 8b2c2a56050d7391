"""The catalogue's page, job and command: a build is queued once, runs as a job writing its
progress, the page shows it and offers the PDF; a failed build says why; the command exits as
documented. The PDF itself is tested in test_catalogue_pdf.py: here a stand-in writes it,
except for one real build by the command."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader, PdfWriter

from kunstrute.stats import catalogue_build
from kunstrute.stats.catalogue_pdf import Written
from kunstrute.stats.jobs import build_catalogue
from kunstrute.stats.models import CatalogueBuild, CatalogueFormat, CatalogueStatus
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token
from tests.editions.factories import edition, participant

SITE = "https://kunstrettvest.example"


@pytest.fixture(autouse=True)
def base_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", SITE)


@pytest.fixture
def layouts(monkeypatch):
    """Stand in for WeasyPrint: report progress part by part and write a small real PDF."""
    seen = []

    def write(catalogue, *, page_format, output: Path, progress=None, chunk=60):
        seen.append((len(catalogue.entries), CatalogueFormat(page_format)))
        for start in range(0, len(catalogue.entries), 2):
            progress(len(catalogue.entries[start:start + 2]))
        writer = PdfWriter()
        for _ in range(3):
            writer.add_blank_page(width=595, height=842)
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("wb") as out:
            writer.write(out)
        return Written(pages=3, size_bytes=output.stat().st_size)

    monkeypatch.setattr(catalogue_build, "write_catalogue", write)
    return seen


def route(artists: int = 3, year: int = 2027):
    found = edition(year)
    for n in range(1, artists + 1):
        participant(found, name=f"Kunstner {n}", catalogue_no=n)
    return found


def page_url(year: int = 2027) -> str:
    return f"/organiser/editions/{year}/catalogue"


def post_build(client, page_format: str = "tabloid", year: int = 2027):
    token = csrf_token(client.get(page_url(year)).text)
    return client.post(page_url(year), data={"csrf_token": token, "page_format": page_format})


def builds(db) -> list[CatalogueBuild]:
    return list(db.session.scalars(sa.select(CatalogueBuild).order_by(CatalogueBuild.id)))


def test_the_organisers_home_links_the_page_and_it_starts_empty(client, db, login_as):
    route()
    db.session.commit()
    login_as("organiser")
    assert page_url() in client.get("/organiser/").text
    page = client.get(page_url())
    assert page.status_code == 200
    assert "Ingen katalog er laget ennå" in page.text
    assert "Lag katalogen" in page.text and 'value="tabloid"' in page.text
    assert "flask --app kunstrute catalogue 2027" in page.text


def test_a_build_runs_as_a_job_and_the_finished_pdf_downloads(client, db, login_as, layouts,
                                                              upload_folder):
    route(3)
    db.session.commit()
    organiser = login_as("organiser")
    response = post_build(client, "tabloid")
    assert response.status_code == 302
    assert layouts == [(3, CatalogueFormat.TABLOID)]  # the job ran (at once, in tests)
    (build,) = builds(db)
    assert build.status == CatalogueStatus.DONE and (build.done, build.total) == (3, 3)
    assert build.requested_by_id == organiser.id and build.pages == 3
    path = upload_folder / "catalogues" / build.file_name
    assert path.is_file() and build.file_name == f"catalogue-2027-{build.id}.pdf"
    page = client.get(page_url()).text
    assert "Katalogen lages" in page and "Ferdig: 3 sider." in page
    assert "Avis (280 × 400 mm)" in page
    download = client.get(f"{page_url()}/{build.id}.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert f'filename=katalog-2027-{build.id}.pdf' in download.headers["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(download.data)).pages) == 3
    assert client.get(f"{page_url()}/{build.id}.json").json["status"] == "done"


def test_the_job_writes_its_progress_as_it_goes(db, layouts, monkeypatch):
    found = route(5)
    build = catalogue_build.request_build(edition=found, page_format=CatalogueFormat.A4,
                                          requested_by_id=None)
    db.session.commit()
    seen = []
    monkeypatch.setattr(catalogue_build, "_commit", lambda: (db.session.commit(), seen.append(
        db.session.execute(sa.select(CatalogueBuild.status, CatalogueBuild.done)
                           .where(CatalogueBuild.id == build.id)).one())))
    assert build_catalogue.call_local(build.id) is True
    assert [tuple(row) for row in seen] == [
        (CatalogueStatus.RUNNING, 0), (CatalogueStatus.RUNNING, 0), (CatalogueStatus.RUNNING, 2),
        (CatalogueStatus.RUNNING, 4), (CatalogueStatus.RUNNING, 5), (CatalogueStatus.DONE, 5)]
    assert build_catalogue.call_local(build.id) is False  # run twice: built once
    assert len(layouts) == 1


def test_a_running_build_shows_its_progress_and_a_second_click_starts_nothing(
        client, db, login_as, layouts):
    found = route(3)
    db.session.add(CatalogueBuild(edition=found, status=CatalogueStatus.RUNNING, done=2,
                                  total=3, page_format=CatalogueFormat.A4))
    db.session.commit()
    login_as("organiser")
    page = client.get(page_url()).text
    assert "2 av 3 kunstnere er satt." in page
    assert 'max="3" value="2"' in page and "js/progress.js" in page
    assert "Lag katalogen</button>" not in page  # no button while one runs
    (running,) = builds(db)
    progress = client.get(f"{page_url()}/{running.id}.json")
    assert progress.json == {"status": "running", "done": 2, "total": 3,
                             "text": "2 av 3 kunstnere er satt."}
    assert progress.headers["Cache-Control"] == "no-store"
    token = csrf_token(client.get("/organiser/").text)
    response = client.post(page_url(), data={"csrf_token": token, "page_format": "a4"},
                           follow_redirects=True)
    assert "En katalog lages allerede" in response.text
    assert len(builds(db)) == 1 and layouts == []


def test_a_build_left_by_a_stopped_worker_is_failed_so_another_can_start(
        client, db, login_as, layouts):
    found = route(2)
    db.session.add(CatalogueBuild(edition=found, status=CatalogueStatus.RUNNING, done=1, total=2,
                                  created_at=utcnow() - timedelta(hours=2)))
    db.session.commit()
    login_as("organiser")
    page = client.get(page_url()).text
    assert "serverens bakgrunnsprosess ble trolig startet på nytt" in page
    assert "Lag katalogen</button>" in page
    assert builds(db)[0].status == CatalogueStatus.RUNNING  # a GET writes nothing
    assert post_build(client, "a4").status_code == 302
    assert [b.status for b in builds(db)] == [CatalogueStatus.FAILED, CatalogueStatus.DONE]


def test_a_failed_build_says_what_to_do(client, db, login_as, layouts, monkeypatch):
    found = route(2)
    second = next(p for p in found.participations if p.artist.name == "Kunstner 2")
    second.catalogue_no = None
    db.session.commit()
    login_as("organiser")
    post_build(client)
    page = client.get(page_url()).text
    assert ("Mislyktes: 1 kunstner har ikke katalognummer ennå: Kunstner 2. Gi kunstneren et "
            "nummer under «Katalognumre», og lag katalogen på nytt.") in page
    assert layouts == []

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    second.catalogue_no = 2
    db.session.commit()
    monkeypatch.setattr(catalogue_build, "write_catalogue", full_disk)
    post_build(client)
    page = client.get(page_url()).text
    assert "PDF-en kunne ikke skrives på serveren (No space left on device)" in page
    assert "frigjøre diskplass" in page
    failed = builds(db)[-1]
    assert failed.status == CatalogueStatus.FAILED and failed.finished_at is not None
    assert client.get(f"{page_url()}/{failed.id}.pdf").status_code == 404


def test_the_form_needs_a_format(client, db, login_as):
    route()
    db.session.commit()
    login_as("organiser")
    token = csrf_token(client.get(page_url()).text)
    response = client.post(page_url(), data={"csrf_token": token})
    assert response.status_code == 400 and "Velg sideformat." in response.text
    assert builds(db) == []


def test_the_button_is_rate_limited(client, db, login_as):
    found = route()
    db.session.add(CatalogueBuild(edition=found, status=CatalogueStatus.RUNNING))
    db.session.commit()
    login_as("organiser")
    token = csrf_token(client.get(page_url()).text)
    answers = [client.post(page_url(), data={"csrf_token": token, "page_format": "a4"}
                           ).status_code for _ in range(11)]
    assert answers == [302] * 10 + [429]


def test_another_editions_build_and_unknown_files_are_not_found(client, db, login_as,
                                                                layouts):
    route(2)
    route(1, year=2026)
    db.session.commit()
    login_as("organiser")
    post_build(client)
    (build,) = builds(db)
    assert client.get(f"{page_url(2026)}/{build.id}.pdf").status_code == 404
    assert client.get(f"{page_url(2026)}/{build.id}.json").status_code == 404
    assert client.get(f"{page_url()}/{build.id + 1}.pdf").status_code == 404
    assert client.get(page_url(1999)).status_code == 404


@pytest.mark.parametrize("role", [None, "artist", "juror"])
def test_only_organisers_see_the_page_and_the_files(client, db, login_as, layouts, role):
    route(1)
    db.session.commit()
    build = catalogue_build.request_build(edition=edition(2027), page_format="a4",
                                          requested_by_id=None)
    db.session.commit()
    build_catalogue(build.id)
    if role:
        login_as(role)
    for url in (page_url(), f"{page_url()}/{build.id}.pdf", f"{page_url()}/{build.id}.json"):
        response = client.get(url)
        assert response.status_code == (403 if role else 302), url


def test_the_command_builds_the_pdf_and_prints_its_progress(runner, db, tmp_path):
    found = route(2)
    db.session.commit()
    out = tmp_path / "trykk" / "katalog.pdf"
    result = runner.invoke(args=["catalogue", "2027", "--format", "tabloid", "--output",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert "Artists laid out: 2 of 2" in result.output
    assert f"Wrote {out}: " in result.output and "2 artists" in result.output
    reader = PdfReader(out)
    assert "Kunstner 1" in "".join(page.extract_text() for page in reader.pages)
    width = float(reader.pages[0].trimbox.width) * 25.4 / 72
    assert round(width) == 280
    (build,) = builds(db)
    assert build.edition_id == found.id and build.status == CatalogueStatus.DONE
    assert catalogue_build.build_path(build).read_bytes() == out.read_bytes()


def test_the_command_exits_1_with_the_reason_and_2_without_an_edition(runner, db, layouts):
    found = route(1)
    found.participations[0].catalogue_no = None
    db.session.commit()
    failed = runner.invoke(args=["catalogue", "2027"])
    assert failed.exit_code == 1
    assert "the catalogue was not built: 1 kunstner har ikke katalognummer" in failed.output
    missing = runner.invoke(args=["catalogue", "1999"])
    assert missing.exit_code == 2 and "there is no edition 1999" in missing.output
    db.session.add(CatalogueBuild(edition=found, status=CatalogueStatus.RUNNING))
    db.session.commit()
    busy = runner.invoke(args=["catalogue", "2027"])
    assert busy.exit_code == 2 and "is being built already" in busy.output
