"""PostgreSQL shuts down immediately (no checkpoint; crash recovery at the next start)
under load and comes back on the same port; the services reconnect by themselves."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from devstack.servers.postgres import EmbeddedPostgres
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.conftest import new_database
from tests.faults.injectors import restart_postgres_immediately
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.scenario import run_scenario, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_sales_survive_an_immediate_postgres_restart_and_are_counted_once(
    own_postgres: EmbeddedPostgres,
    broker_of_this_run: Callable[..., OwnedBroker],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = await new_database(own_postgres.admin_dsn)
    # A broker of its own: the session's carries other tests' events and consumer groups.
    broker = broker_of_this_run()
    stack = await start_stack(database, broker.bootstrap_servers, tmp_path / "logs")
    try:

        async def faults(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            await restart_postgres_immediately(own_postgres, report, rng)

        report = await run_scenario("postgres immediate restart", stack, faults, LoadPlan())
    finally:
        stack.stop()
    verdict(report, capsys)
