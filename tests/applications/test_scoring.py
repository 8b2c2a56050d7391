"""The jury's figures: raw mean, median, spread, disagreement, normalisation and ranks."""

import pytest

from kunstrute.applications.scoring import (
    Score,
    disagreement_threshold,
    figures,
    juror_order,
    normalise,
    ranks,
)


def table(rows: dict[str, dict[int, int]]) -> list[Score]:
    """{juror: {application: score}} → scores."""
    ids = {"A": 1, "B": 2, "C": 3}
    return [Score(app, ids[j], s) for j, scores in rows.items() for app, s in scores.items()]


def test_raw_figures_of_one_application():
    result = figures([1], table({"A": {1: 5}, "B": {1: 2}, "C": {1: 4}}), scale_min=1,
                     scale_max=5)[1]
    assert result.mean == pytest.approx(11 / 3)
    assert result.median == 4
    assert result.spread == 3
    assert result.disagreement  # 3 ≥ 2, half the range of 1–5
    assert result.scores == {1: 5, 2: 2, 3: 4}


def test_disagreement_threshold_is_half_the_range():
    assert disagreement_threshold(1, 5) == 2
    assert disagreement_threshold(1, 9) == 4
    assert disagreement_threshold(0, 2) == 2


def test_an_unscored_application_has_no_figures_and_no_rank():
    result = figures([1, 2], table({"A": {1: 3}}), scale_min=1, scale_max=5)
    assert result[2].mean is None and result[2].rank is None
    assert result[2].normalised_rank is None
    assert result[1].rank == 1


def test_a_strict_juror_changes_the_order_the_raw_mean_gives():
    """C scores everything low and only scored application 1, which drags its raw mean down.

    Measured against C's own habit, C rated 1 highly: the normalised ranking puts it first.
    """
    scores = table({
        "A": {1: 4, 2: 4, 3: 3, 4: 2},
        "B": {1: 4, 2: 4, 3: 2, 4: 3},
        "C": {1: 2, 3: 1, 4: 1},
    })
    result = figures([1, 2, 3, 4], scores, scale_min=1, scale_max=5)
    assert result[2].mean > result[1].mean  # raw: 4.0 against 3.33
    assert result[2].rank == 1 and result[1].rank == 2
    assert result[1].normalised_mean > result[2].normalised_mean
    assert result[1].normalised_rank == 1 and result[2].normalised_rank == 2
    # The raw figures stay as they were: normalised ones are beside them.
    assert result[1].scores == {1: 4, 2: 4, 3: 2}


def test_normalised_scores_stay_on_the_scale_and_a_flat_juror_sits_at_the_mean():
    scores = table({"A": {1: 5, 2: 1, 3: 3}, "B": {1: 3, 2: 3, 3: 3}})
    mapped = normalise(scores, scale_min=1, scale_max=5)
    assert all(1 <= v <= 5 for v in mapped.values())
    overall = sum(s.score for s in scores) / len(scores)
    assert mapped[(1, 2)] == pytest.approx(overall)


def test_ties_share_a_rank():
    assert ranks({1: 4.0, 2: 4.0, 3: 3.0, 4: None}) == {1: 1, 2: 1, 3: 3}


def test_each_juror_has_a_stable_order_of_their_own():
    ids = list(range(1, 201))
    first, again, other = (juror_order(ids, "seed-a"), juror_order(ids, "seed-a"),
                           juror_order(ids, "seed-b"))
    assert first == again
    assert first != other
    assert sorted(first) == ids
    assert first != ids
