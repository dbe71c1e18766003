"""kill -9 of each service in turn under load (sales and registry right after a burst of
acknowledged writes, notifications inside a slow LINE send), each started again."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.injectors import kill_each_service, kill_inside_a_consumer_batch_and_a_send
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.scenario import run_scenario, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_sales_survive_killed_services_and_are_counted_once(
    fault_database: Database,
    broker_of_this_run: Callable[..., OwnedBroker],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A broker of its own: the session's carries other tests' events and consumer groups.
    broker = broker_of_this_run()
    stack = await start_stack(fault_database, broker.bootstrap_servers, tmp_path / "logs")
    try:

        async def faults(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            await kill_each_service(stack, driver, report, rng)
            await kill_inside_a_consumer_batch_and_a_send(stack, driver.world, report, rng)

        report = await run_scenario("kill -9 each service", stack, faults, LoadPlan())
    finally:
        stack.stop()
    verdict(report, capsys)
