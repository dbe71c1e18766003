"""The runs' measurements as figures: each the median of the runs, beside its limit and the
issue's target."""

from __future__ import annotations

import math
from typing import Any

from bench.processes import FINISHED_CHILDREN
from bench.report import Figure, at_least, at_most, both
from bench.stats import median_of

MB = 1024 * 1024


def _runs(runs: list[dict[str, Any]], *path: Any) -> list[float]:
    values = []
    for run in runs:
        value: Any = run
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        values.append(float(value) if isinstance(value, int | float) else math.nan)
    return values


def _figure(name: str, runs: list[float], unit: str, **kwargs: Any) -> Figure:
    return Figure(name, median_of(runs), unit, runs=runs, **kwargs)


def ingest_figures(runs: list[dict[str, Any]], clients: tuple[int, ...]) -> list[Figure]:
    figures = []
    for c in clients:
        rate = _runs(runs, "closed", c, "rate")
        limit = median_of(_runs(runs, "pgbench", c, "tps"))
        value = median_of(rate)
        ratio = value / limit if limit and not math.isnan(limit) else math.nan
        figures.append(
            _figure(
                f"single sales, closed loop, {c} terminals",
                rate,
                "sales/s",
                limit=limit,
                limit_name=f"pgbench, same statements, {c} clients",
                target="≥ 1,000/s and ≥ 70% of limit",
                met=both(at_least(value, 1000), at_least(ratio, 0.7)),
            )
        )
        figures.append(
            _figure(f"  p99 latency, closed loop, {c}", _runs(runs, "closed", c, "p99_ms"), "ms")
        )
    return figures


def open_loop_figures(runs: list[dict[str, Any]], rates: tuple[float, ...]) -> list[Figure]:
    figures = []
    for rate in rates:
        for q in ("p50_ms", "p95_ms", "p99_ms"):
            values = _runs(runs, "open", rate, q)
            target, met = "", None
            if q == "p99_ms" and rate >= 500:
                target, met = "≤ 50 ms at 500/s", at_most(median_of(values), 50)
            figures.append(
                _figure(
                    f"single sales, open loop {rate:g}/s, {q[:3]}",
                    values,
                    "ms",
                    target=target,
                    met=met,
                )
            )
        figures.append(
            _figure(
                f"  achieved rate at {rate:g}/s offered",
                _runs(runs, "open", rate, "achieved"),
                "sales/s",
            )
        )
    return figures


def relay_and_e2e_figures(runs: list[dict[str, Any]], rates: tuple[float, ...]) -> list[Figure]:
    raw50 = median_of(_runs(runs, "raw_kafka", "p50_ms"))
    raw99 = median_of(_runs(runs, "raw_kafka", "p99_ms"))
    figures = []
    for rate in rates:
        p50 = _runs(runs, "open", rate, "relay", "p50_ms")
        p99 = _runs(runs, "open", rate, "relay", "p99_ms")
        figures.append(
            _figure(
                f"relay 201→readable at {rate:g}/s, p50",
                p50,
                "ms",
                limit=raw50,
                limit_name="raw aiokafka produce→consume",
            )
        )
        figures.append(
            _figure(
                f"relay 201→readable at {rate:g}/s, p99",
                p99,
                "ms",
                limit=raw99,
                limit_name="raw aiokafka produce→consume",
                target="≤ 100 ms",
                met=at_most(median_of(p99), 100),
            )
        )
        consumed = _runs(runs, "open", rate, "sale_to_notifications_consumed", "p99_ms")
        figures.append(
            _figure(
                f"e2e sale 201→consumed by notifications at {rate:g}/s, p50",
                _runs(runs, "open", rate, "sale_to_notifications_consumed", "p50_ms"),
                "ms",
            )
        )
        figures.append(
            _figure(
                f"e2e sale 201→consumed by notifications at {rate:g}/s, p99",
                consumed,
                "ms",
                target="≤ 250 ms at 500/s" if rate >= 500 else "",
                met=at_most(median_of(consumed), 250) if rate >= 500 else None,
            )
        )
        e2e = _runs(runs, "open", rate, "registration_to_events_read_model", "p99_ms")
        figures.append(
            _figure(
                f"e2e registration→events read model at {rate:g}/s sales, p50",
                _runs(runs, "open", rate, "registration_to_events_read_model", "p50_ms"),
                "ms",
            )
        )
        figures.append(
            _figure(
                f"e2e registration→events read model at {rate:g}/s sales, p99",
                e2e,
                "ms",
                target="≤ 250 ms at 500/s" if rate >= 500 else "",
                met=at_most(median_of(e2e), 250) if rate >= 500 else None,
            )
        )
    return figures


def batch_figures(runs: list[dict[str, Any]]) -> list[Figure]:
    rate = _runs(runs, "batch", "sales_per_s")
    limit = median_of(_runs(runs, "batch", "copy_sales_per_s"))
    value = median_of(rate)
    return [
        _figure(
            "1,000-sale batches over HTTP",
            rate,
            "sales/s",
            limit=limit,
            limit_name="same rows by COPY",
            target="≥ 20,000/s and ≥ 60% of limit",
            met=both(at_least(value, 20_000), at_least(value / limit if limit else math.nan, 0.6)),
        )
    ]


def once_figures(once: dict[str, Any], burst_events: int) -> list[Figure]:
    figures = [
        Figure(
            f"{service} drains a backlog",
            rate,
            "events/s",
            target="≥ 5,000/s",
            met=at_least(rate, 5000),
        )
        for service, rate in sorted(once["consumers"].items())
    ]
    burst = once["burst"]
    figures.append(
        Figure(
            f"burst: {burst['applications']:,} applications to {burst_events} events decided",
            burst["decided_s"],
            "s",
            target="≤ 3 s, exact",
            met=both(at_most(burst["decided_s"], 3), burst["exact"]),
        )
    )
    figures.append(
        Figure("  no event above capacity", 1.0 if burst["exact"] else 0.0, "", met=burst["exact"])
    )
    delivery = burst["application_to_delivery"]
    figures.append(Figure("e2e application→delivery row (burst), p50", delivery["p50_ms"], "ms"))
    figures.append(
        Figure(
            "e2e application→delivery row (burst), p99",
            delivery["p99_ms"],
            "ms",
            target="≤ 250 ms",
            met=at_most(delivery["p99_ms"], 250),
        )
    )
    return figures


def memory_figures(peak_rss: dict[str, int], services: set[str]) -> list[Figure]:
    return [
        Figure(
            f"peak RSS {name}"
            + (" (with its backends' private memory)" if name == "postgresql" else ""),
            rss / MB,
            "MB",
            target="< 200 MB" if name in services else "",
            met=(rss / MB < 200) if name in services else None,
        )
        for name, rss in sorted(peak_rss.items())
    ]


def cpu_figures(runs: list[dict[str, Any]]) -> list[Figure]:
    """Cores used by the load generator and by the hottest process in each loaded phase."""
    figures = []
    for phase in runs[0]["cpu"] if runs else []:
        # The load generator's own process, and the pgbench clients it ran.
        generator = [
            r["cpu"][phase].get("load generator", math.nan)
            + r["cpu"][phase].get(FINISHED_CHILDREN, 0.0)
            for r in runs
        ]
        figures.append(_figure(f"load generator CPU, {phase}", generator, "cores"))
        hottest = runs[0]["hottest"][phase]
        figures.append(
            Figure(
                f"  hottest: {hottest['process']}, {phase}",
                median_of([r["hottest"][phase]["cores"] for r in runs]),
                "cores",
            )
        )
    return figures
