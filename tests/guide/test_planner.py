"""The route planner: a short driving order, honest totals, links the phone's maps app opens."""

import pytest

from kunstrute.guide.planner import (
    DETOUR,
    distance_km,
    google_maps_url,
    parse_stops,
    plan_route,
    shortest_order,
)
from kunstrute.guide.services import MapStudio
from tests import factories


def studio(n, lat, lon):
    return MapStudio(catalogue_no=n, name=f"Kunstner {n}", slug=f"k-{n}", disciplines=(),
                     studio_name=None, address=f"Vei {n}", postcode="3400", place="Lier",
                     municipality="Lier", lat=lat, lon=lon, approximate=False,
                     wheelchair_access=False, new_this_year=False)


#: Five studios along a line going east, given in a scrambled catalogue order.
LINE = [studio(1, 59.8, 10.30), studio(2, 59.8, 10.00), studio(3, 59.8, 10.20),
        studio(4, 59.8, 10.40), studio(5, 59.8, 10.10)]


def test_the_order_follows_the_road_not_the_catalogue():
    order = [s.catalogue_no for s in shortest_order(LINE)]
    assert order in ([2, 5, 3, 1, 4], [4, 1, 3, 5, 2])


def test_totals_use_the_detour_factor_and_a_rough_speed():
    plan = plan_route(LINE)
    straight = distance_km(LINE[1], LINE[3])  # end to end, 0.4° of longitude at 59.8° N
    assert plan.km == pytest.approx(straight * DETOUR, rel=1e-4)  # legs follow the parallel
    assert 20 < plan.km < 35 and plan.minutes == round(plan.km / 50 * 60)
    assert plan.legs[0].km is None and all(leg.km > 0 for leg in plan.legs[1:])


def test_google_link_has_origin_destination_and_waypoints():
    url = google_maps_url(plan_route(LINE).studios)
    assert url.startswith("https://www.google.com/maps/dir/?api=1&travelmode=driving")
    assert "origin=59.80000,10.00000" in url or "origin=59.80000,10.40000" in url
    assert url.count("%7C") == 2  # three waypoints between origin and destination


def test_shared_lists_are_read_forgivingly():
    known = {s.catalogue_no: s for s in LINE}
    studios, problems = parse_stops("3, 1,x,1;999,,<script>", known=known)
    assert [s.catalogue_no for s in studios] == [3, 1]
    assert problems == ["x", "999", "<script>"]


def test_the_route_page_orders_a_shared_link_and_names_stale_numbers(client, db):
    edition = factories.edition()
    for s in LINE:
        factories.participant(edition, name=s.name, catalogue_no=s.catalogue_no, lat=s.lat,
                              lon=s.lon)
    db.session.commit()
    html = client.get("/route?s=4,2,3,999").get_data(as_text=True)
    assert html.index("Kunstner 2") < html.index("Kunstner 3") < html.index("Kunstner 4") \
        or html.index("Kunstner 4") < html.index("Kunstner 3") < html.index("Kunstner 2")
    assert "ikke blant årets atelierer" in html and "999" in html
    assert "Åpne i Google Maps" in html and "maps.apple.com" in html
    assert "km fra forrige stopp" in html and "kjøring" in html
    closed = client.get("/route?s=2,3&day=2027-09-13").get_data(as_text=True)
    assert "Atelierene er stengt mandag 13. september" in closed
    junk = client.get("/route?s=<b>&day=never")
    assert junk.status_code == 200 and "&lt;b&gt;" in junk.get_data(as_text=True)
    empty = client.get("/route").get_data(as_text=True)
    assert "Velg atelierene du vil besøke" in empty


class CountingMatrix:
    """A distance matrix that counts every distance the planner looks up."""

    def __init__(self, rows):
        self.rows, self.lookups = rows, 0
        outer = self

        class Row:
            def __init__(self, row):
                self.row = row

            def __getitem__(self, j):
                outer.lookups += 1
                return self.row[j]

        self._rows = [Row(r) for r in rows]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self._rows[i]


def scattered(n):
    """n studios spread over the region in a fixed pseudo-random pattern."""
    return [studio(i + 1, 59.5 + (i * 37 % 101) / 100, 9.5 + (i * 53 % 97) / 60)
            for i in range(n)]


def test_planning_105_stops_costs_a_bounded_number_of_steps():
    from kunstrute.guide.planner import MAX_PASSES, order_by_distance

    studios = scattered(105)
    d = CountingMatrix([[distance_km(a, b) for b in studios] for a in studios])
    order = order_by_distance(d)
    assert sorted(order) == list(range(105))
    n = len(studios)
    # Nearest neighbour reads each row once per step; each 2-opt pass reads 4 per pair.
    assert d.lookups <= n * n + MAX_PASSES * 2 * n * n


def test_the_bounded_planner_still_finds_a_short_path():
    from kunstrute.guide.planner import order_by_distance

    studios = scattered(12)
    d = [[distance_km(a, b) for b in studios] for a in studios]
    order = order_by_distance(d)
    length = sum(d[a][b] for a, b in zip(order, order[1:], strict=False))
    catalogue = sum(d[i][i + 1] for i in range(11))
    assert length < 0.6 * catalogue


def test_a_route_link_with_too_many_stops_shows_the_first_ones_and_says_so(client, db):
    from kunstrute.guide.planner import MAX_STOPS

    edition = factories.edition()
    for s in scattered(MAX_STOPS + 5):
        factories.participant(edition, name=s.name, catalogue_no=s.catalogue_no, lat=s.lat,
                              lon=s.lon)
    db.session.commit()
    numbers = ",".join(str(n) for n in range(1, MAX_STOPS + 6))
    html = client.get(f"/route?s={numbers}").get_data(as_text=True)
    assert html.count('class="card"') == MAX_STOPS
    assert f"En rute tar høyst {MAX_STOPS} atelierer. Denne lenken har {MAX_STOPS + 5}" in html
    assert f'data-too-many="{MAX_STOPS + 5}"' in html  # the phone does not keep this link
    assert "Kunstner 31" not in html
