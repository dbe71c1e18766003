"""The sales service's background work: publishing the daily summaries of finished days."""

from __future__ import annotations

from typing import Any

from services.sales.service_layer.handlers.summaries import summarise_due
from services.sales.settings import SalesSettings
from shared.service.definition import BackgroundJob, Step
from shared.service.runtime import Runtime


async def _start_summaries(runtime: Runtime) -> Step:
    async def publish_due_summaries() -> int:
        """One batch of due producer days that are over; 0 when none was due."""
        return len(await summarise_due(runtime.unit_of_work()))

    return publish_due_summaries


def _enabled(settings: Any) -> bool:
    service: SalesSettings = settings
    return service.sales_summary_job


def _idle_seconds(settings: Any) -> float:
    service: SalesSettings = settings
    return service.sales_summary_interval_seconds


DAILY_SUMMARIES = BackgroundJob(
    name="daily_summaries",
    describe="daily-summary job",
    readiness="daily_summary_job",
    start=_start_summaries,
    idle_seconds=_idle_seconds,
    enabled=_enabled,
)
