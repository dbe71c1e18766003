"""Poison published straight onto every consumed topic (malformed JSON, an unknown type, an
unknown version, data breaking its contract's rules) while terminals sell: each poison that
cannot be processed lands in `<topic>.dlq` with its reason, and every consumer goes on."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.scenario import run_scenario, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_poison_messages_go_to_their_dlq_with_a_reason_and_no_consumer_stops(
    fault_database: Database,
    broker_of_this_run: Callable[..., OwnedBroker],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broker = broker_of_this_run()
    stack = await start_stack(fault_database, broker.bootstrap_servers, tmp_path / "logs")
    try:

        async def no_other_fault(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            await driver.first_sales_acknowledged()

        plan = LoadPlan(sales_per_online_terminal=60, batches_per_offline_terminal=2)
        report = await run_scenario(
            "poison messages", stack, no_other_fault, plan, online=2, offline=1, poison=True
        )
    finally:
        stack.stop()
    verdict(report, capsys)
