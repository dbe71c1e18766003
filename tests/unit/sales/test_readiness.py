"""/readyz of the sales service says whether its daily-summary job runs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from services.sales.entrypoints.jobs import DAILY_SUMMARIES
from shared.http.readiness import jobs_running


def _runtime(job: bool, running: bool | None) -> Any:
    loops = {} if running is None else {"daily_summaries": SimpleNamespace(running=running)}
    return SimpleNamespace(settings=SimpleNamespace(sales_summary_job=job), loops=loops)


async def test_a_running_summary_job_is_ready():
    await jobs_running(_runtime(True, True), [DAILY_SUMMARIES])()


async def test_a_summary_job_that_ended_is_not_ready():
    with pytest.raises(RuntimeError, match="daily-summary job is not running"):
        await jobs_running(_runtime(True, False), [DAILY_SUMMARIES])()
    with pytest.raises(RuntimeError):
        await jobs_running(_runtime(True, None), [DAILY_SUMMARIES])()


async def test_a_process_without_the_job_does_not_need_it():
    await jobs_running(_runtime(False, None), [DAILY_SUMMARIES])()


def test_the_job_is_checked_under_its_readiness_name():
    assert DAILY_SUMMARIES.readiness == "daily_summary_job"
