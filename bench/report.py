"""The benchmark's figures: a table for a person and a JSON document for a machine."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    limit: float | None = None  # what the machine allows, measured in the same run
    limit_name: str = ""
    target: str = ""  # the target, as text
    met: bool | None = None  # None: no target, or not measurable
    runs: list[float] = field(default_factory=list)  # each run's figure (median = value)

    @property
    def ratio(self) -> float | None:
        if self.limit is None or not self.limit or math.isnan(self.limit):
            return None
        return self.value / self.limit

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def at_least(value: float, floor: float) -> bool | None:
    return None if math.isnan(value) else value >= floor


def at_most(value: float, ceiling: float) -> bool | None:
    return None if math.isnan(value) else value <= ceiling


def both(*checks: bool | None) -> bool | None:
    if any(check is None for check in checks):
        return None
    return all(checks)


def number(value: float | None, unit: str = "") -> str:
    if value is None or math.isnan(value):
        return "—"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f}{' ' + unit if unit else ''}"


def verdict(met: bool | None) -> str:
    return {True: "yes", False: "NO", None: "—"}[met]


def table_rows(figures: list[Figure]) -> list[tuple[str, str, str, str, str, str]]:
    """figure | limit | ratio | target | met? as text, one row per figure."""
    rows = []
    for f in figures:
        limit = f"{number(f.limit, f.unit)} ({f.limit_name})" if f.limit is not None else "—"
        if f.ratio is None:
            ratio = "—"
        elif f.unit == "ms":  # a latency: how many times the limit's
            ratio = f"{f.ratio:,.1f}×"
        else:
            ratio = f"{f.ratio:.0%}"
        rows.append(
            (f.name, number(f.value, f.unit), limit, ratio, f.target or "—", verdict(f.met))
        )
    return rows


def print_table(figures: list[Figure], title: str, console: Console | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in ("figure", "measured", "limit", "ratio", "target", "met?"):
        table.add_column(column, overflow="fold")
    for row in table_rows(figures):
        table.add_row(*row)
    (console or Console(width=200)).print(table)


def collect_profiles(measured: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"<phase>: <process>": summary} of every profile the run took."""
    found: dict[str, dict[str, Any]] = {}
    for run in measured.get("runs", []):
        for phase, by_process in run.get("profiles", {}).items():
            for process, summary in by_process.items():
                found[f"{phase}: {process}"] = summary
    for process, summary in measured.get("once", {}).get("profiles", {}).items():
        found[f"backlog drain: {process}"] = summary
    return found


def print_profiles(
    profiles: dict[str, dict[str, Any]], console: Console | None = None, top: int = 12
) -> None:
    """Each profile's functions with the largest inclusive share of the samples."""
    out = console or Console(width=200)
    for title, summary in profiles.items():
        if "error" in summary:
            out.print(f"profile {title}: {summary['error']}")
            continue
        table = Table(title=f"profile — {title} ({summary['samples']} samples)")
        table.add_column("the platform's function (inclusive)", overflow="fold")
        table.add_column("share")
        table.add_column("any function (self)", overflow="fold")
        table.add_column("share")
        rows = zip(summary.get("ours", [])[:top], summary["self"][:top], strict=False)
        for (name, share), (own, own_share) in rows:
            table.add_row(name, f"{share:.0%}", own, f"{own_share:.0%}")
        out.print(table)


def _clean(value: Any) -> Any:
    """NaN and infinities as null: JSON has no such numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def document(figures: list[Figure], context: dict[str, Any], details: dict[str, Any]) -> str:
    return json.dumps(
        _clean(
            {
                "context": context,
                "figures": [f.as_dict() for f in figures],
                "details": details,
            }
        ),
        indent=2,
        ensure_ascii=False,
        default=str,
    )


def write_document(text: str, *paths: Path) -> None:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
