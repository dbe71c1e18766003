"""Every fault kind in one run, one after the other under the same load: kill -9 of each
service, a broker restart, an immediate PostgreSQL restart, a flaky network to PostgreSQL,
and poison on every consumed topic. With OTOP_FAULT_SOAK_SECONDS set, the faults go round
again until that long has passed, under more load."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from devstack.servers.postgres import EmbeddedPostgres
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.conftest import new_database
from tests.faults.injectors import (
    kill_each_service,
    kill_inside_a_consumer_batch_and_a_send,
    network_faults,
    restart_broker,
    restart_postgres_immediately,
)
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.proxy import FaultProxy
from tests.faults.scenario import run_scenario, soak_seconds, verdict
from tests.faults.stack import start_stack

pytestmark = pytest.mark.faults


async def test_sales_registrations_and_messages_survive_every_fault_together(
    own_postgres: EmbeddedPostgres,
    broker_of_this_run: Callable[..., OwnedBroker],
    proxies: list[FaultProxy],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    soak = soak_seconds()
    broker = broker_of_this_run()
    to_postgres = FaultProxy("127.0.0.1", own_postgres.port).start()
    proxies.append(to_postgres)
    database = await new_database(own_postgres.admin_dsn)
    stack = await start_stack(
        database, broker.bootstrap_servers, tmp_path / "logs", database_address=to_postgres.address
    )
    try:

        async def faults(driver: LoadDriver, report: RunReport, rng: random.Random) -> None:
            loop = asyncio.get_running_loop()
            until = loop.time() + soak
            while True:
                await kill_each_service(stack, driver, report, rng)
                await kill_inside_a_consumer_batch_and_a_send(stack, driver.world, report, rng)
                await restart_broker(stack, broker, report, rng)
                await restart_postgres_immediately(own_postgres, report, rng)
                await network_faults({"postgres": to_postgres}, report, rng)
                if loop.time() >= until:
                    return

        if soak:
            plan = LoadPlan(
                sales_per_online_terminal=100_000,
                batches_per_offline_terminal=max(3, int(soak // 20)),
                seconds=soak + 120,
                pause=0.02,
            )
            online, offline = 8, 4
        else:
            plan = LoadPlan(sales_per_online_terminal=400, seconds=150)
            online, offline = 4, 2
        report = await run_scenario(
            "every fault together" + (f" (soak {soak:.0f}s)" if soak else ""),
            stack,
            faults,
            plan,
            online=online,
            offline=offline,
            poison=True,
        )
    finally:
        stack.stop()
    verdict(report, capsys)
