"""The map's markers clustered per zoom level on the server (route/clusters.py)."""

import random

import pytest

from kunstrute.guide.clusters import cluster_levels

MIN, TOP = 7, 18


def studio(n, lat, lon):
    return [lat, lon, {"n": n, "name": f"Kunstner {n}"}]


def venue(i, lat, lon):
    return [lat, lon, {"i": i, "kind": "venue", "name": f"Sted {i}"}]


def studios_in(marker) -> set[int]:
    props = marker[2]
    if "members" in props:
        return {m["n"] for m in props["members"] if "n" in m}
    return {props["n"]} if "n" in props else set()


@pytest.fixture(scope="module")
def spread():
    """400 studios over the region, two sharing an address, and two venues."""
    spot = random.Random(3)
    rows = [studio(n, 59.5 + spot.random() * 0.6, 9.6 + spot.random() * 1.0)
            for n in range(1, 401)]
    rows.append(studio(401, rows[0][0], rows[0][1]))  # the same door as no. 1
    rows += [venue(0, 59.8, 10.2), venue(1, 59.81, 10.21)]
    return rows, cluster_levels(rows, min_zoom=MIN, top=TOP)


def test_every_level_holds_every_studio_and_venue_once(spread):
    rows, levels = spread
    assert sorted(levels) == list(range(MIN, TOP + 1))
    for z, markers in levels.items():
        studios = sum(m[2].get("count", 1 if "n" in m[2] else 0) for m in markers)
        places = sum(m[2].get("places", 0 if "n" in m[2] else 1) for m in markers)
        assert (studios, places) == (401, 2), z


def test_zoomed_out_the_region_is_a_few_clusters_zoomed_in_every_studio_alone(spread):
    _, levels = spread
    assert len(levels[MIN]) < 10
    assert [len(levels[z]) for z in range(MIN, TOP + 1)] == sorted(
        len(levels[z]) for z in range(MIN, TOP + 1))  # more markers at every step in
    alone = {m[2]["n"] for m in levels[TOP] if "n" in m[2]}
    assert len(alone) == 399  # all but the two at one door


def test_a_cluster_parts_at_its_zoom_and_a_point_once_alone_stays_alone(spread):
    _, levels = spread
    for z in range(MIN, TOP):
        here = {m[2]["id"]: m[2] for m in levels[z] if "zoom" in m[2]}
        above = {m[2]["id"] for m in levels[z + 1] if "zoom" in m[2]}
        for cluster_id, props in here.items():
            assert props["zoom"] > z
            assert (cluster_id in above) == (props["zoom"] > z + 1)
        for m in levels[z]:
            if "n" in m[2]:
                assert m[2]["at"] <= z
                assert any("n" in a[2] and a[2]["n"] == m[2]["n"] for a in levels[z + 1])


def test_studios_at_one_address_are_a_stack_that_never_parts(spread):
    rows, levels = spread
    stack = next(m for m in levels[TOP] if "members" in m[2])
    assert [m["n"] for m in stack[2]["members"]] == [1, 401]
    assert stack[:2] == rows[0][:2] and stack[2]["count"] == 2 and "zoom" not in stack[2]
    first = stack[2]["members"][0]["at"]
    for z in range(first, TOP + 1):  # from where it appears, the same stack at every level
        assert any(m[2].get("id") == stack[2]["id"] for m in levels[z])


def test_a_cluster_sits_among_its_studios_and_counts_its_venues(spread):
    _, levels = spread
    for z in (9, 12):
        for m in levels[z]:
            if "zoom" in m[2]:
                assert 59.5 <= m[0] <= 60.1 and 9.6 <= m[1] <= 10.6
    with_venues = [m for m in levels[MIN] if m[2].get("places")]
    assert sum(m[2]["places"] for m in with_venues) == 2


def test_far_apart_studios_stay_apart_and_near_ones_share_a_cluster():
    rows = [studio(1, 59.0, 9.0), studio(2, 60.0, 11.0),
            studio(3, 59.9, 10.5), studio(4, 59.9005, 10.5005)]
    levels = cluster_levels(rows, min_zoom=MIN, top=TOP)
    groups = [studios_in(m) if "n" in m[2] or "members" in m[2] else m[2]["count"]
              for m in levels[12]]
    assert {1} in groups and {2} in groups and 2 in groups  # 3 and 4 are 60 m apart
    assert {3} in [studios_in(m) for m in levels[17]]


def test_no_rows_no_markers():
    assert cluster_levels([], min_zoom=MIN, top=TOP) == {z: [] for z in range(MIN, TOP + 1)}
