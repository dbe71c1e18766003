"""`otop status`: the whole platform at a glance.

Every service's health and readiness checks, each outbox's backlog, consumer lag per group
and topic, and DLQ depth per topic. Each part is gathered on its own with a time limit; a
part that cannot be reached is reported as unreachable instead of failing the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from services.operations.health import ServiceHealth, service_health
from services.operations.lag import LagReport, consumer_lag
from services.operations.outbox import OutboxStatus, outbox_status
from shared.contracts.catalogue import TOPICS
from shared.messaging.dead_letters import dead_letter_depths

T = TypeVar("T")


@dataclass(frozen=True)
class StatusSources:
    service_urls: dict[str, str]
    database_url: str | None
    bootstrap_servers: str
    timeout: float = 20.0


@dataclass
class PlatformStatus:
    services: list[ServiceHealth]
    outbox: list[OutboxStatus]
    lag: LagReport | None
    lag_error: str | None
    dlq: dict[str, int] | None
    dlq_error: str | None
    bootstrap_servers: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "services": [s.as_dict() for s in self.services],
            "outbox": [o.as_dict() for o in self.outbox],
            "lag": (
                {
                    "topics": [t.as_dict() for t in self.lag.by_topic()],
                    "notes": self.lag.notes,
                }
                if self.lag is not None
                else {"error": self.lag_error}
            ),
            "dlq": (
                {"topics": [{"topic": t, "depth": d} for t, d in self.dlq.items()]}
                if self.dlq is not None
                else {"error": self.dlq_error}
            ),
            "broker": {"bootstrap_servers": self.bootstrap_servers},
        }


async def _bounded(work: Awaitable[T], seconds: float) -> tuple[T | None, str | None]:
    try:
        return await asyncio.wait_for(work, seconds), None
    except TimeoutError:
        return None, f"unreachable: no answer within {seconds:.0f}s"
    except Exception as exc:
        return None, f"unreachable: {type(exc).__name__}: {exc}".rstrip(": ")


async def _outbox(sources: StatusSources) -> list[OutboxStatus]:
    names = list(sources.service_urls)
    if not sources.database_url:
        return [OutboxStatus(n, error="DATABASE_URL is not set") for n in names]
    found, error = await _bounded(outbox_status(sources.database_url, names), sources.timeout)
    return found if found is not None else [OutboxStatus(n, error=error) for n in names]


async def platform_status(sources: StatusSources) -> PlatformStatus:
    health, (lag, lag_error), (dlq, dlq_error), outbox = await asyncio.gather(
        service_health(sources.service_urls),
        _bounded(consumer_lag(sources.bootstrap_servers), sources.timeout),
        _bounded(
            dead_letter_depths(sources.bootstrap_servers, [t.name for t in TOPICS]),
            sources.timeout,
        ),
        _outbox(sources),
    )
    return PlatformStatus(health, outbox, lag, lag_error, dlq, dlq_error, sources.bootstrap_servers)


# -- rendering -------------------------------------------------------------------------


def _style(ok: bool) -> str:
    return "green" if ok else "red"


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else "-"


def _services_table(status: PlatformStatus) -> Table:
    table = Table(title="Services", title_justify="left")
    for column in ("service", "url", "alive", "ready", "checks"):
        table.add_column(column)
    for s in status.services:
        checks = ", ".join(f"{k}: {v}" for k, v in s.checks.items()) or "-"
        table.add_row(
            s.service,
            s.url,
            Text(s.alive, style=_style(s.alive == "ok")),
            Text(s.ready, style=_style(s.ready == "ready")),
            checks,
        )
    return table


def _outbox_table(status: PlatformStatus) -> Table:
    table = Table(title="Outbox", title_justify="left")
    for column in ("service", "pending", "oldest pending", "age (s)", "last published"):
        table.add_column(column, justify="right" if column in ("pending", "age (s)") else "left")
    for o in status.outbox:
        if o.error:
            table.add_row(o.service, Text(o.error, style="red"), "", "", "")
            continue
        age = f"{o.oldest_pending_age_seconds:.1f}" if o.oldest_pending_age_seconds else "-"
        table.add_row(
            o.service,
            Text(str(o.pending), style=_style(not o.pending)),
            _when(o.oldest_pending),
            age,
            _when(o.last_published),
        )
    return table


def _lag_table(status: PlatformStatus) -> Table:
    table = Table(title="Consumer lag", title_justify="left")
    for column in ("group", "topic", "lag", "partitions"):
        table.add_column(column, justify="right" if column in ("lag", "partitions") else "left")
    if status.lag is None:
        table.add_row(Text(status.lag_error or "unknown", style="red"), "", "", "")
        return table
    for t in status.lag.by_topic():
        lag = Text("unknown", style="yellow") if t.lag is None else Text(str(t.lag))
        if t.lag:
            lag.stylize("yellow")
        table.add_row(t.group, t.topic, lag, str(t.partitions))
    for note in status.lag.notes:
        table.add_row(Text(note, style="yellow"), "", "", "")
    return table


def _dlq_table(status: PlatformStatus) -> Table:
    table = Table(title="Dead letters", title_justify="left")
    table.add_column("topic")
    table.add_column("waiting", justify="right")
    if status.dlq is None:
        table.add_row(Text(status.dlq_error or "unknown", style="red"), "")
        return table
    for topic, depth in status.dlq.items():
        table.add_row(f"{topic}.dlq", Text(str(depth), style=_style(depth == 0)))
    return table


def render(status: PlatformStatus, console: Console) -> None:
    console.print(
        Group(
            _services_table(status),
            _outbox_table(status),
            _lag_table(status),
            _dlq_table(status),
            Text(f"broker: {status.bootstrap_servers}", style="dim"),
        )
    )
