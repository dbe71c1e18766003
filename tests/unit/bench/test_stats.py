"""Percentiles, medians of runs and ratios."""

from __future__ import annotations

import math

import pytest

from bench.stats import latency_summary, median_of, percentile, ratio


def test_percentiles_interpolate_between_ranks() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 0) == 1
    assert percentile(values, 100) == 100
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 99) == pytest.approx(99.01)


def test_percentile_ignores_the_order_of_values() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0


def test_percentile_of_one_value_and_of_none() -> None:
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))


def test_a_percentile_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_latency_summary_is_in_milliseconds() -> None:
    summary = latency_summary([0.010, 0.020, 0.030])
    assert summary["count"] == 3
    assert summary["p50_ms"] == pytest.approx(20)
    assert summary["max_ms"] == pytest.approx(30)


def test_median_of_runs_leaves_out_runs_without_a_figure() -> None:
    assert median_of([3.0, 1.0, 2.0]) == 2.0
    assert median_of([4.0, math.nan, 2.0]) == 3.0
    assert math.isnan(median_of([math.nan]))


def test_ratio_needs_a_positive_limit() -> None:
    assert ratio(250, 1000) == 0.25
    assert math.isnan(ratio(250, 0))
    assert math.isnan(ratio(math.nan, 1000))
