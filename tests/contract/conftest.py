"""Each service's app started in-process (ASGI) on the real PostgreSQL and broker, with the
credentials its routes take, for fuzzing against its own OpenAPI document."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.events.app import DEFINITION as EVENTS
from services.notifications.app import DEFINITION as NOTIFICATIONS
from services.notifications.settings import NotificationSettings
from services.registry.app import DEFINITION as REGISTRY
from services.sales.app import DEFINITION as SALES
from services.sales.settings import SalesSettings
from shared.http.app import build_app
from shared.settings import KafkaSettings, ServiceSettings
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.contract.fuzzing import send
from tests.infrastructure import Servers

SERVICES = ("registry", "events", "sales", "notifications")


@dataclass
class ServiceUnderTest:
    name: str
    app: FastAPI
    client: httpx.AsyncClient
    database: Database
    # The bearer token each security scheme of the OpenAPI document takes.
    tokens: dict[str, str]

    async def client_request(self, case, headers: dict[str, str]) -> httpx.Response:  # type: ignore[no-untyped-def]
        return await send(self.client, case, headers)

    async def stored_rows(self) -> dict[str, int]:
        """The number of rows of every table in the service's schema."""
        conn = await asyncpg.connect(self.database.admin_dsn)
        try:
            tables = await conn.fetch(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1",
                self.name,
            )
            return {
                t["table_name"]: await conn.fetchval(
                    f'SELECT count(*) FROM "{self.name}"."{t["table_name"]}"'
                )
                for t in tables
            }
        finally:
            await conn.close()


def _common(dsn: str, servers: Servers) -> dict[str, object]:
    return {
        "database_url": dsn,
        "admin_token": ADMIN_TOKEN,
        "kafka": KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        "outbox_poll_interval_seconds": 0.2,
        "log_format": "console",
        "log_level": "WARNING",
    }


BUILDERS: dict[str, tuple[object, Callable[[str, Servers], FastAPI]]] = {
    "registry": (
        topology.REGISTRY.migrations,
        lambda dsn, s: build_app(REGISTRY, ServiceSettings(**_common(dsn, s))),  # type: ignore[arg-type]
    ),
    "events": (
        topology.EVENTS.migrations,
        lambda dsn, s: build_app(EVENTS.without_consumers(), ServiceSettings(**_common(dsn, s))),  # type: ignore[arg-type]
    ),
    "sales": (
        topology.SALES.migrations,
        lambda dsn, s: build_app(
            SALES.without_consumers(),
            SalesSettings(
                **_common(dsn, s),  # type: ignore[arg-type]
                sales_commission_percent="15.00",
                sales_promptpay_id="0801234567",
                sales_summary_job=False,
            ),
        ),
    ),
    "notifications": (
        topology.NOTIFICATIONS.migrations,
        lambda dsn, s: build_app(
            NOTIFICATIONS.without_consumers(),
            NotificationSettings(**_common(dsn, s), workers_enabled=False),  # type: ignore[arg-type]
        ),
    ),
}


@asynccontextmanager
async def running(
    name: str, database: Database, servers: Servers
) -> AsyncIterator[ServiceUnderTest]:
    migrations, build = BUILDERS[name]
    dsn = await provision(database, name, migrations)
    app = build(dsn, servers)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{name}") as client:
            tokens = {"HTTPBearer": ADMIN_TOKEN}
            if name == "sales":
                tokens["TerminalKey"] = await _terminal_key(client)
            yield ServiceUnderTest(name, app, client, database, tokens)


async def _terminal_key(client: httpx.AsyncClient) -> str:
    """A shop terminal with an open shift: what the terminal routes take."""
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    answer = await client.post(
        "/v1/terminals", json={"name": "หน้าร้าน 1", "location": "shop"}, headers=admin
    )
    assert answer.status_code == 201, answer.text
    key: str = answer.json()["api_key"]
    shift = await client.post(
        "/v1/shifts",
        json={"opening_float": "1000.00"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert shift.status_code == 201, shift.text
    return key


@pytest.fixture(params=SERVICES)
async def service(
    request: pytest.FixtureRequest, database: Database, servers: Servers, topics: list[str]
) -> AsyncIterator[ServiceUnderTest]:
    async with running(request.param, database, servers) as started:
        yield started
