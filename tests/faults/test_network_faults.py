"""Between the services and PostgreSQL, and between the services and the broker, a fault
proxy adds latency, cuts every connection, refuses new ones, and goes half-open."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from devstack.servers.ports import free_port
from tests.conftest import Database
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.injectors import network_faults
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.proxy import FaultProxy
from tests.faults.scenario import run_scenario, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_sales_survive_a_flaky_network_to_postgres_and_the_broker(
    fault_database: Database,
    broker_of_this_run: Callable[..., OwnedBroker],
    proxies: list[FaultProxy],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The broker must advertise the proxy's port, or clients would go round the proxy.
    broker_front = free_port()
    broker = broker_of_this_run(broker_front)
    to_broker = FaultProxy("127.0.0.1", broker.port, port=broker_front).start()
    address = urlsplit(fault_database.admin_dsn)
    to_postgres = FaultProxy(address.hostname or "127.0.0.1", address.port or 5432).start()
    proxies.extend([to_broker, to_postgres])
    stack = await start_stack(
        fault_database, to_broker.address, tmp_path / "logs", database_address=to_postgres.address
    )
    try:

        async def faults(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            await network_faults({"postgres": to_postgres, "broker": to_broker}, report, rng)

        report = await run_scenario("network faults", stack, faults, LoadPlan())
    finally:
        stack.stop()
    verdict(report, capsys)
