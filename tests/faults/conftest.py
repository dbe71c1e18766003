"""Fixtures of the fault suite: a database per run (on the session's server or on one the
run owns), brokers the run owns, proxies, and the stack of four service processes.

Run it with `.venv/bin/pytest tests/faults` (OTOP_TEST_BROKER=kafka for Apache Kafka). Each
scenario prints its table of faults and outcomes. OTOP_FAULT_SOAK_SECONDS=600 runs the
combined scenario that long under more load; OTOP_FAULT_SEED changes the random moments."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import asyncpg
import pytest

from devstack.servers.ports import free_port
from devstack.servers.postgres import EmbeddedPostgres
from tests.conftest import Database
from tests.faults.brokers import OwnedBroker, owned_broker
from tests.faults.proxy import FaultProxy
from tests.infrastructure import Servers


async def new_database(admin_dsn: str) -> Database:
    name = f"f_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    base, _, _ = admin_dsn.rpartition("/")
    return Database(name, f"{base}/{name}")


@pytest.fixture
async def fault_database(servers: Servers) -> AsyncIterator[Database]:
    database = await new_database(servers.admin_dsn)
    yield database
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {database.name} WITH (FORCE)")
    finally:
        await admin.close()


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    """A PostgreSQL server this run may shut down immediately and start again."""
    postgres = EmbeddedPostgres(tmp_path / "postgres", port=free_port())
    postgres.start()
    yield postgres
    postgres.stop()


@pytest.fixture
def broker_of_this_run(
    servers: Servers, tmp_path: Path
) -> Iterator[Callable[[int | None], OwnedBroker]]:
    """Start a broker of the session's kind that the run owns (optionally advertising a
    proxy's port); stopped after the test."""
    started: list[OwnedBroker] = []

    def start(advertised_port: int | None = None) -> OwnedBroker:
        broker = owned_broker(servers.kind, tmp_path / f"broker-{len(started)}", advertised_port)
        broker.start()
        started.append(broker)
        return broker

    yield start
    for broker in started:
        broker.stop()


@pytest.fixture
def proxies() -> Iterator[list[FaultProxy]]:
    started: list[FaultProxy] = []
    yield started
    for proxy in started:
        proxy.stop()
