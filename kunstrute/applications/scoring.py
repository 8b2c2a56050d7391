"""The jury's figures, as pure functions over (application, juror, score) triples.

Raw figures per application: mean, median, spread (max − min of the jurors' scores) and a
disagreement flag (spread at least half the scale's range). Beside them, each juror's scores
normalised to their own mean and spread: a z-score per juror, mapped back onto the scale with
the mean and standard deviation of all scores, so one strict or one lenient juror does not
decide alone. The normalised ranking is shown beside the raw one, never instead of it.
Abstentions are not passed in: they are left out of every figure.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple


class Score(NamedTuple):
    application_id: int
    juror_id: int
    score: int


@dataclass
class Figures:
    """One application's figures; None where nobody has scored it."""

    scores: dict[int, int] = field(default_factory=dict)
    mean: float | None = None
    median: float | None = None
    spread: int | None = None
    disagreement: bool = False
    normalised: dict[int, float] = field(default_factory=dict)
    normalised_mean: float | None = None
    rank: int | None = None
    normalised_rank: int | None = None


def disagreement_threshold(scale_min: int, scale_max: int) -> int:
    """Return the spread from which jurors disagree: half the scale's range, at least 2."""
    return max(2, -(-(scale_max - scale_min) // 2))


def juror_stats(scores: Iterable[Score]) -> dict[int, tuple[float, float]]:
    """Return each juror's (mean, population standard deviation) of their scores."""
    by_juror: dict[int, list[int]] = defaultdict(list)
    for s in scores:
        by_juror[s.juror_id].append(s.score)
    return {j: (statistics.fmean(v), statistics.pstdev(v)) for j, v in by_juror.items()}


def normalise(scores: list[Score], *, scale_min: int,
              scale_max: int) -> dict[tuple[int, int], float]:
    """Return {(application, juror): score} with each juror's z-score mapped onto the scale.

    A juror who gave one score to everyone (no spread) is placed at the overall mean.
    """
    if not scores:
        return {}
    values = [s.score for s in scores]
    centre, width = statistics.fmean(values), statistics.pstdev(values)
    stats = juror_stats(scores)
    mapped = {}
    for s in scores:
        mean, sd = stats[s.juror_id]
        z = (s.score - mean) / sd if sd else 0.0
        mapped[(s.application_id, s.juror_id)] = min(scale_max,
                                                      max(scale_min, centre + z * width))
    return mapped


def ranks(values: dict[int, float | None]) -> dict[int, int]:
    """Return competition ranks (1, 2, 2, 4) by value, highest first; None is unranked."""
    ordered = sorted((v, k) for k, v in values.items() if v is not None)
    ordered.reverse()
    result, previous, rank = {}, None, 0
    for position, (value, key) in enumerate(ordered, start=1):
        if previous is None or round(value, 9) != round(previous, 9):
            rank, previous = position, value
        result[key] = rank
    return result


def figures(application_ids: Iterable[int], scores: Iterable[Score], *, scale_min: int,
            scale_max: int) -> dict[int, Figures]:
    """Return the raw and normalised figures and both ranks of every application."""
    result = {a: Figures() for a in application_ids}
    scores = [s for s in scores if s.application_id in result]
    for s in scores:
        result[s.application_id].scores[s.juror_id] = s.score
    for (application_id, juror_id), value in normalise(
            scores, scale_min=scale_min, scale_max=scale_max).items():
        result[application_id].normalised[juror_id] = value
    threshold = disagreement_threshold(scale_min, scale_max)
    for f in result.values():
        if f.scores:
            raw = list(f.scores.values())
            f.mean, f.median = statistics.fmean(raw), statistics.median(raw)
            f.spread = max(raw) - min(raw)
            f.disagreement = f.spread >= threshold
            f.normalised_mean = statistics.fmean(f.normalised.values())
    for key, rank in ranks({a: f.mean for a, f in result.items()}).items():
        result[key].rank = rank
    for key, rank in ranks({a: f.normalised_mean for a, f in result.items()}).items():
        result[key].normalised_rank = rank
    return result


def juror_order(application_ids: Iterable[int], seed: str) -> list[int]:
    """Return the applications in this juror's own order: stable for them, unlike others'."""
    def key(application_id: int) -> bytes:
        return hashlib.sha256(f"{seed}:{application_id}".encode()).digest()
    return sorted(application_ids, key=key)
