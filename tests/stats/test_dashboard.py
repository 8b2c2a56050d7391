"""The organisers' dashboard: the same figures as stats.json (read back from the page's data
tables and cards), how each was derived, the rows behind it, the empty edition, the year
switcher, hostile names, and the organisers' home with the headline figures."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from kunstrute.counting.models import CountSource
from kunstrute.stats import dashboard as dashboard_view
from kunstrute.stats.service import edition_stats, flatten
from tests import factories
from tests.stats.factories import exhibition, sale, studio, visits
from tests.stats.test_figures import programme_and_audience  # noqa: F401  (the fixture)

D, D2 = date(2027, 9, 11), date(2027, 9, 12)
URL = "/organiser/editions/2027/dashboard"
HOSTILE = '<script>alert(1)</script>"Lier'


class Page(HTMLParser):
    """The page as a reader sees it: data tables by slug, cards by key, links, the text."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.cards: dict[str, str] = {}
        self.links: list[str] = []
        self.text: list[str] = []
        self._slug = self._cell = self._card = self._value = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h2", "h3") and (attrs.get("id") or "").startswith("table-"):
            self._slug = attrs["id"].removeprefix("table-")
        elif tag == "tr" and self._slug:
            self.tables.setdefault(self._slug, []).append([])
        elif tag in ("td", "th") and self._slug:
            self._cell = []
        elif tag == "li" and "data-key" in attrs:
            self._card = attrs["data-key"]
        elif tag == "span" and self._card and attrs.get("class") == "figure-value":
            self._value = []
        elif tag == "a":
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._slug][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "span" and self._value is not None:
            self.cards[self._card] = "".join(self._value).strip()
            self._value = self._card = None
        elif tag == "table":
            self._slug = None

    def handle_data(self, data):
        for part in (self._cell, self._value, self.text):
            if part is not None:
                part.append(data)

    def rows(self, slug: str) -> dict[str, str]:
        """Return a two-column table's body as {first cell: second cell}."""
        return {row[0]: row[1] for row in self.tables[slug][1:]}

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def number(text: str):
    """Return the value a page wrote: '21 604' → 21604, '68,6 %' → 0.686, '336,0' → 336.0."""
    text = text.replace("kr", "").replace(" ", "").replace("\u00a0", "").strip()
    if text.endswith("%"):
        return round(float(text[:-1].replace(",", ".")) / 100, 3)
    return float(text.replace(",", ".")) if "," in text else int(text)


@pytest.fixture
def small(db):
    """2027: three studios (two reported, one counted by QR only), the exhibition, sales."""
    edition = factories.edition(2027)
    a = studio(edition, municipality_name="Lier", name="Kari Keramiker")
    visits(a, D, 40)
    visits(a, D2, 60)
    b = studio(edition, municipality_name="Asker")
    visits(b, D, 7, CountSource.QR_CHECKIN)
    c = studio(edition, municipality_name="Lier")
    visits(c, D2, 25)
    hall = exhibition(edition)
    visits(hall, D, 100, CountSource.DOOR_COUNTER)
    visits(hall, D2, 120, CountSource.DOOR_COUNTER)
    sale(a, D, 12000, 3)
    sale(hall, D2, 8000, 1, participation=c.participation)
    factories.application(edition, works=0, cv=False)
    db.session.commit()
    return edition


def page(client, url=URL) -> Page:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return Page(response.get_data(as_text=True))


def test_the_dashboard_shows_the_same_figures_as_the_document(small, client, login_as):
    login_as("organiser")
    doc = edition_stats(small)
    found = page(client)
    by_day = {day: number(count) for day, count in found.rows("visits-by-day").items()}
    assert by_day == {day["date"]: day["count"] for day in doc["visits"]["by_day"]}
    municipalities = found.rows("visits-by-municipality")
    assert {name: number(n) for name, n in municipalities.items()} == \
        doc["visits"]["by_municipality"] == {"Lier": 125, "Asker": 7}
    sales = {row[0]: (number(row[1]), number(row[2])) for row in found.tables["sales"][1:]}
    assert sorted(sales.values()) == sorted([
        (doc["sales"]["studios_nok"], doc["sales"]["studios_works"]),
        (doc["sales"]["exhibition_nok"], doc["sales"]["exhibition_works"])])
    figures = dict(flatten(doc))
    assert found.cards, "the headline figures are there"
    for key, text in found.cards.items():
        assert number(text) == figures[key], key
    assert number(found.cards["visits.total"]) == 352 == doc["visits"]["total"]


def test_the_people_sections_show_the_documents_figures(
        programme_and_audience, db, client, login_as):  # noqa: F811
    db.session.commit()
    login_as("organiser")
    doc = edition_stats(programme_and_audience)
    found = page(client)
    funnel = [number(n) for n in found.rows("applications-funnel").values()]
    assert funnel == list(doc["applications"]["funnel"].values()) == [6, 5, 2, 2, 1]
    assert {k: number(v) for k, v in found.rows("applications-by-municipality").items()} == \
        doc["applications"]["by_municipality"]
    attendance = [number(n) for n in found.rows("programme-attendance").values()]
    programme = doc["programme"]
    assert attendance == [programme[key] for key in (
        "registrations", "waitlisted", "attended", "seminar_registrations",
        "seminar_attended")] == [4, 1, 2, 3, 1]
    assert sum(number(n) for n in found.rows("events-by-kind").values()) == programme["events"]
    assert [number(n) for n in found.rows("newsletter").values()] == list(
        doc["newsletter"].values())
    survey = doc["surveys"]["artists"]
    assert found.tables["survey-responses"][1][1:] == ["Evaluering 2027", "4", "3", "75,0 %"]
    results = {row[1]: row for row in found.tables["survey-results"][1:]}
    assert results["Hvor fornøyd er du alt i alt?"][3] == "4,0"
    assert results[survey["headlines"][1]["question"]][4:] == ["Ja", "66,7 %"]
    for url in ("/organiser/programme/", "/organiser/newsletters/",
                f"/organiser/surveys/{survey['survey_id']}/results"):
        assert url in found.links, url
    assert "Svelvik" in found.plain  # the host municipality named in the note


def test_every_figure_comes_from_one_computation(small, client, login_as, monkeypatch):
    login_as("organiser")
    calls = []

    def counted(edition):
        calls.append(edition.year)
        return edition_stats(edition)

    monkeypatch.setattr(dashboard_view, "edition_stats", counted)
    page(client)
    assert calls == [2027]


def test_each_figure_says_how_it_was_derived_and_links_to_its_rows(small, client, login_as):
    login_as("organiser")
    found = page(client)
    # nb: "2 av 3 atelierer rapporterte besøkstall"; en: "2 of 3 studios reported"
    assert re.search(r"2 (av|of) 3 atelie\w+ (rapporterte|reported)", found.plain)
    assert re.search(r"(Rapportert|Reported): 2", found.plain)
    assert re.search(r"(QR-innsjekk|QR check-ins): 1", found.plain)
    assert re.search(r"(Dørteller|Door counter): 1", found.plain)
    for url in ("/organiser/counting/2027", "/organiser/counting/2027/exhibition",
                "/organiser/applications", "/organiser/editions/2027/stats.json",
                "/organiser/editions/2027/tables/visits-by-day.csv"):
        assert url in found.links, url


def test_an_edition_without_figures_says_so_in_every_section(db, client, login_as):
    factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    response = client.get(URL)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for key in ("visits", "sales", "applications", "programme", "newsletter", "surveys"):
        section = html.split(f'id="section-{key}"')[1].split("</section>")[0]
        assert 'class="empty"' in section, key
        assert "<svg" not in section and "<table" not in section, key  # no zeros as data
    assert "data-key=" not in html  # no headline figures either
    assert "Denne utgaven har ingen tall ennå" in html or "has no figures yet" in html


def test_an_unknown_year_is_not_found(small, client, login_as):
    assert client.get(URL).status_code == 302  # to the sign-in (tests/auth/test_access.py)
    login_as("organiser")
    assert client.get("/organiser/editions/1999/dashboard").status_code == 404


def test_the_year_switcher_lists_the_editions(small, db, client, login_as):
    factories.edition(2026)
    db.session.commit()
    login_as("organiser")
    html = client.get(URL).get_data(as_text=True)
    assert 'href="/organiser/editions/2026/dashboard"' in html
    assert re.search(r'href="/organiser/editions/2027/dashboard" aria-current="page"', html)
    assert client.get("/organiser/editions/2026/dashboard").status_code == 200


def test_hostile_names_are_escaped(db, client, login_as):
    edition = factories.edition(2027)
    a = studio(edition, municipality_name=HOSTILE, name=HOSTILE)
    visits(a, D, 9)
    db.session.commit()
    login_as("organiser")
    html = client.get(URL).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_home_shows_the_headline_figures(small, client, login_as):
    login_as("organiser")
    doc = edition_stats(small)
    found = page(client, "/organiser/")
    assert URL in found.links
    assert 1 <= len(found.cards) <= 6
    assert number(found.cards["visits.total"]) == doc["visits"]["total"]
    assert number(found.cards["sales.studios_nok"]) == doc["sales"]["studios_nok"] == 12000
