"""The registry and the events service started together on one fresh database, with their
Kafka consumers, behind HTTP clients: the platform as a new user meets it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from services import topology
from services.events.app import create_app as create_events_app
from services.registry.app import create_app as create_registry_app
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.events.conftest import events_settings
from tests.integration.registry.conftest import registry_settings


@dataclass
class Stack:
    registry: httpx.AsyncClient
    events: httpx.AsyncClient
    # One client reaching both by host name (http://registry, http://events).
    both: httpx.AsyncClient
    servers: Servers


class _ByHost(httpx.AsyncBaseTransport):
    def __init__(self, routes: dict[str, httpx.AsyncBaseTransport]) -> None:
        self._routes = routes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._routes[request.url.host].handle_async_request(request)


def _client(transport: httpx.AsyncBaseTransport, base_url: str = "") -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=transport,
        base_url=base_url,
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )


@asynccontextmanager
async def running_stack(servers: Servers) -> AsyncIterator[Stack]:
    name = f"t_{uuid.uuid4().hex[:16]}"
    base, _, _ = servers.admin_dsn.rpartition("/")
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    database = Database(name, f"{base}/{name}")
    registry_app: Any = create_registry_app(
        registry_settings(
            await provision(database, "registry", topology.REGISTRY.migrations), servers
        )
    )
    events_app: Any = create_events_app(
        events_settings(await provision(database, "events", topology.EVENTS.migrations), servers)
    )
    registry_transport = httpx.ASGITransport(app=registry_app)
    events_transport = httpx.ASGITransport(app=events_app)
    routes: dict[str, httpx.AsyncBaseTransport] = {
        "registry": registry_transport,
        "events": events_transport,
    }
    try:
        async with (
            registry_app.router.lifespan_context(registry_app),
            events_app.router.lifespan_context(events_app),
            _client(registry_transport, "http://registry") as registry,
            _client(events_transport, "http://events") as events,
            _client(_ByHost(routes)) as both,
        ):
            yield Stack(registry, events, both, servers)
    finally:
        admin = await asyncpg.connect(servers.admin_dsn)
        try:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        finally:
            await admin.close()
