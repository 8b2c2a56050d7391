"""The count next to each filter option is what picking it gives, with the other choices kept."""

import re
from datetime import datetime

import pytest

from kunstrute.timeutil import OSLO
from tests import factories


@pytest.fixture
def route(db):
    edition = factories.edition()
    factories.participant(edition, name="Lier Trinnfri", municipality_name="Lier",
                          wheelchair_access=True, disciplines=("ceramics",))
    factories.participant(edition, name="Lier Trapp", municipality_name="Lier",
                          disciplines=("painting",))
    factories.participant(edition, name="Asker Trinnfri", municipality_name="Asker",
                          wheelchair_access=True, disciplines=("painting",))
    factories.participant(edition, name="Asker Ny", municipality_name="Asker",
                          wheelchair_access=True, new_this_year=True, disciplines=("painting",))
    db.session.commit()


def counts(html: str) -> dict[str, int]:
    """Return the count shown next to each option and check box, by its label."""
    found = re.findall(r">\s*([^<>]+?) \((\d+)\)</(?:option|label)>", html)
    return {label.strip(): int(n) for label, n in found}


def test_flag_counts_follow_the_municipality_chosen(client, route):
    html = client.get("/artists?municipality=Lier").get_data(as_text=True)
    assert counts(html)["Trinnfri inngang"] == 1  # not the 3 of the whole route
    assert counts(html)["Ny i år"] == 0
    assert counts(client.get("/artists").get_data(as_text=True))["Trinnfri inngang"] == 3


def test_municipality_and_discipline_counts_follow_the_other_choices(client, route):
    html = client.get("/artists?wheelchair=1").get_data(as_text=True)
    shown = counts(html)
    assert (shown["Lier"], shown["Asker"]) == (1, 2)  # picking Lier gives 1, not 2
    assert (shown["Keramikk"], shown["Maleri"]) == (1, 2)
    lier = counts(client.get("/artists?municipality=Lier&wheelchair=1").get_data(as_text=True))
    # The chosen municipality's own count is the list; the others say what a switch gives.
    assert (lier["Lier"], lier["Asker"], lier["Trinnfri inngang"]) == (1, 2, 1)
    assert (lier["Keramikk"], lier["Maleri"]) == (1, 0)  # Maleri stays offered, with 0


def test_ticked_flags_narrow_the_other_flags_counts(client, route):
    shown = counts(client.get("/artists?new=1").get_data(as_text=True))
    assert (shown["Trinnfri inngang"], shown["Ny i år"], shown["Parkering"]) == (1, 1, 0)


def test_counts_follow_the_open_filter(client, route, clock):
    clock.set(datetime(2027, 9, 13, 12, 0).replace(tzinfo=OSLO))  # closed
    shown = counts(client.get("/artists?open=today").get_data(as_text=True))
    assert (shown["Lier"], shown["Trinnfri inngang"], shown["Maleri"]) == (0, 0, 0)
    marked = counts(client.get("/artists?open=today&closed=1").get_data(as_text=True))
    assert (marked["Lier"], marked["Trinnfri inngang"]) == (2, 3)
