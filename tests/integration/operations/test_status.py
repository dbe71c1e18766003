"""`otop status` against a provisioned service database, the real broker and a live /readyz."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
import uvicorn
from fastapi import FastAPI

from devstack.servers.ports import free_port
from services import topology
from services.operations.endpoints import service_urls
from services.operations.status import StatusSources, platform_status
from shared.http.observability import health_router
from tests.cli import run_cli
from tests.conftest import provision
from tests.integration.operations.conftest import store_outbox_rows

MIGRATIONS = topology.REGISTRY.migrations


@pytest.fixture
async def registry_health() -> AsyncIterator[str]:
    """A live HTTP server answering /healthz and /readyz as a service does."""

    async def database_ok() -> None:
        return None

    async def relay_stuck() -> None:
        raise RuntimeError("oldest pending row is 900 s old")

    app = FastAPI()
    app.include_router(health_router({"database": database_ok, "relay": relay_stuck}))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await task


@pytest.fixture
async def registry_outbox(database) -> str:
    """The registry's schema with two pending and one published outbox row."""
    dsn = await provision(database, "registry", MIGRATIONS)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": "registry"})
    try:
        await store_outbox_rows(conn, "registry.members.v1", str(uuid.uuid4()), 3)
        await conn.execute(
            """UPDATE outbox SET state = 'published', published_at = now()
               WHERE id = (SELECT min(id) FROM outbox)"""
        )
        await conn.execute("UPDATE outbox SET created_at = now() - interval '90 seconds'")
    finally:
        await conn.close()
    return database.admin_dsn


def nobody_listens() -> str:
    return f"http://127.0.0.1:{free_port()}"


async def test_status_reports_health_outbox_lag_and_dead_letters_and_unreachable_parts(
    servers, topics, registry_health, registry_outbox
):
    urls = {name: nobody_listens() for name in service_urls()} | {"registry": registry_health}

    found = await platform_status(StatusSources(urls, registry_outbox, servers.bootstrap_servers))
    status = json.loads(json.dumps(found.as_dict()))

    services = {s["service"]: s for s in status["services"]}
    assert services["registry"]["alive"] == "ok"
    assert services["registry"]["ready"] == "not ready"
    assert services["registry"]["checks"]["database"] == "ok"
    assert services["registry"]["checks"]["relay"].startswith("unavailable: RuntimeError")
    assert services["sales"]["alive"].startswith("unreachable")
    outbox = {o["service"]: o for o in status["outbox"]}
    assert (outbox["registry"]["pending"], outbox["registry"]["published"]) == (2, 1)
    assert outbox["registry"]["oldest_pending_age_seconds"] >= 90
    assert outbox["registry"]["last_published"] is not None
    assert "error" in outbox["events"]  # no schema for it in this database
    assert "error" not in status["lag"]
    assert {t["topic"] for t in status["dlq"]["topics"]} >= {"registry.members.v1"}
    assert all(t["depth"] >= 0 for t in status["dlq"]["topics"])
    assert all(t["lag"] is None or t["lag"] >= 0 for t in status["lag"]["topics"])


async def test_status_shows_an_unreachable_broker_and_database_without_failing(servers):
    urls = {name: nobody_listens() for name in service_urls()}
    dead_database = f"postgresql://nobody:x@127.0.0.1:{free_port()}/otop"
    dead_broker = f"127.0.0.1:{free_port()}"

    found = await platform_status(StatusSources(urls, dead_database, dead_broker, timeout=10))

    status = found.as_dict()
    assert status["lag"]["error"].startswith("unreachable")
    assert status["dlq"]["error"].startswith("unreachable")
    assert all(o["error"].startswith("unreachable") for o in status["outbox"])
    assert all(s["ready"].startswith("unreachable") for s in status["services"])


async def test_otop_status_json(servers, topics, registry_health, registry_outbox):
    env = {
        "DATABASE_URL": registry_outbox,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "REGISTRY_URL": registry_health,
        **{f"{n.upper()}_URL": nobody_listens() for n in ("events", "sales", "notifications")},
    }

    result = await run_cli(["status", "--json"], env)

    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert [s["service"] for s in status["services"]] == list(service_urls())
    assert {o["service"]: o.get("pending") for o in status["outbox"]}["registry"] == 2


async def test_otop_status_table(servers, topics, registry_health, registry_outbox):
    env = {
        "DATABASE_URL": registry_outbox,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "REGISTRY_URL": registry_health,
        "COLUMNS": "200",
    }

    result = await run_cli(["status", "--port-offset", str(free_port() - 8001)], env)

    assert result.exit_code == 0, result.output
    for title in ("Services", "Outbox", "Consumer lag", "Dead letters"):
        assert title in result.stdout
    assert "relay: unavailable: RuntimeError" in result.stdout
