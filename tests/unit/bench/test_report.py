"""The table's rows and the JSON document."""

from __future__ import annotations

import json
import math

from bench.figures import batch_figures, ingest_figures
from bench.report import Figure, at_least, both, document, table_rows


def test_a_row_shows_figure_limit_ratio_target_and_verdict() -> None:
    figure = Figure(
        "single sales",
        800.0,
        "sales/s",
        limit=1000.0,
        limit_name="pgbench",
        target="≥ 1,000/s",
        met=False,
    )
    assert table_rows([figure]) == [
        ("single sales", "800 sales/s", "1,000 sales/s (pgbench)", "80%", "≥ 1,000/s", "NO")
    ]


def test_a_figure_without_limit_or_target_shows_dashes() -> None:
    (row,) = table_rows([Figure("peak RSS broker", 45.1, "MB")])
    assert row == ("peak RSS broker", "45.1 MB", "—", "—", "—", "—")


def test_an_unmeasured_figure_is_neither_met_nor_failed() -> None:
    assert at_least(math.nan, 5) is None
    assert both(True, None) is None
    assert both(True, False) is False


def test_the_document_is_json_with_nan_as_null() -> None:
    text = document([Figure("x", math.nan, "ms", limit=2.0)], {"broker": "embedded"}, {})
    parsed = json.loads(text)
    assert parsed["figures"][0]["value"] is None
    assert parsed["figures"][0]["ratio"] is None
    assert parsed["context"] == {"broker": "embedded"}


def test_ingest_figure_is_the_median_of_runs_against_the_pgbench_limit() -> None:
    runs = [
        {"closed": {20: {"rate": rate, "p99_ms": 10.0}}, "pgbench": {20: {"tps": 1000.0}}}
        for rate in (700.0, 900.0, 800.0)
    ]
    figure = ingest_figures(runs, (20,))[0]
    assert figure.value == 800.0
    assert figure.runs == [700.0, 900.0, 800.0]
    assert figure.ratio == 0.8
    assert figure.met is False  # below 1,000/s


def test_batch_figure_meets_its_target_only_with_both_rate_and_ratio() -> None:
    runs = [{"batch": {"sales_per_s": 21_000.0, "copy_sales_per_s": 30_000.0}}]
    (figure,) = batch_figures(runs)
    assert figure.met is True
    runs = [{"batch": {"sales_per_s": 21_000.0, "copy_sales_per_s": 40_000.0}}]
    assert batch_figures(runs)[0].met is False


def test_a_latency_ratio_reads_as_times_its_limit() -> None:
    figure = Figure("relay p99", 120.0, "ms", limit=20.0, limit_name="raw aiokafka")
    assert table_rows([figure])[0][3] == "6.0×"
