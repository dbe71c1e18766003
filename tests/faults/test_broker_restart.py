"""The broker restarts under load. The embedded broker comes back empty: the operator
republishes the outboxes and the services, not restarted, recreate their topics and resume.
Apache Kafka comes back with its data."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.injectors import restart_broker
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.scenario import run_scenario, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_sales_survive_a_broker_restart_and_are_published_once_more_only_by_republish(
    fault_database: Database,
    broker_of_this_run: Callable[..., OwnedBroker],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broker = broker_of_this_run()
    stack = await start_stack(fault_database, broker.bootstrap_servers, tmp_path / "logs")
    try:

        async def faults(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            await restart_broker(stack, broker, report, rng)

        report = await run_scenario(f"{broker.kind} broker restart", stack, faults, LoadPlan())
    finally:
        stack.stop()
    verdict(report, capsys)
