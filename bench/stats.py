"""Percentiles, medians of runs, and latency summaries."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 ≤ q ≤ 100), interpolated between the closest ranks; NaN when
    there are no values."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not within 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds, and how many."""
    return {
        "count": len(seconds),
        "p50_ms": percentile(seconds, 50) * 1000,
        "p95_ms": percentile(seconds, 95) * 1000,
        "p99_ms": percentile(seconds, 99) * 1000,
        "max_ms": (max(seconds) if seconds else math.nan) * 1000,
    }


def median_of(runs: Sequence[float]) -> float:
    """The median of several runs' figures (NaN ones left out; NaN when none is left)."""
    kept = [r for r in runs if not math.isnan(r)]
    return statistics.median(kept) if kept else math.nan


def ratio(figure: float, limit: float) -> float:
    """figure / limit; NaN when the limit is not a positive number."""
    if math.isnan(figure) or math.isnan(limit) or limit <= 0:
        return math.nan
    return figure / limit
