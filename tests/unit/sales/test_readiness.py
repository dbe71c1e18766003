"""/readyz of the sales service says whether its daily-summary job runs."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from services.sales.app import summary_job_ready


def _app(job: bool, task: asyncio.Task[None] | None) -> Any:
    return SimpleNamespace(
        state=SimpleNamespace(settings=SimpleNamespace(sales_summary_job=job), summary_task=task)
    )


async def test_a_running_summary_job_is_ready():
    task = asyncio.create_task(asyncio.sleep(60))
    try:
        await summary_job_ready(_app(True, task))["daily_summary_job"]()
    finally:
        task.cancel()


async def test_a_summary_job_that_ended_is_not_ready():
    task = asyncio.create_task(asyncio.sleep(0))
    await task
    with pytest.raises(RuntimeError, match="daily-summary job is not running"):
        await summary_job_ready(_app(True, task))["daily_summary_job"]()
    with pytest.raises(RuntimeError):
        await summary_job_ready(_app(True, None))["daily_summary_job"]()


async def test_a_process_without_the_job_does_not_need_it():
    await summary_job_ready(_app(False, None))["daily_summary_job"]()
