"""The public community and calendar pages with the real registry and events services
behind them, each app on a database of its own; the shop (sales) answers nothing here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.registry.app import create_app as create_registry
from services.web.app import create_app as create_web
from services.web.settings import WebSettings
from shared.identity.tokens import generate_keypair
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.events.conftest import events_app_without_subscribers, events_settings
from tests.integration.registry.conftest import registry_settings

# The console over the real registry (a signed-in client per role and area).
from tests.integration.web_members.conftest import console, registry, stack  # noqa: F401


class ToApps(httpx.AsyncBaseTransport):
    """Requests to http://<service>/… go to that service's app; other hosts cannot be
    reached."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self._transports = {host: httpx.ASGITransport(app=app) for host, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._transports.get(request.url.host)
        if transport is None:
            raise httpx.ConnectError(f"{request.url.host} is not running", request=request)
        return await transport.handle_async_request(request)


@dataclass
class PublicStack:
    registry: httpx.AsyncClient  # admin token
    events: httpx.AsyncClient  # admin token
    web: httpx.AsyncClient  # no credential: a visitor


@pytest.fixture
async def public_stack(
    database: Database, servers: Servers, topics: list[str]
) -> AsyncIterator[PublicStack]:
    private_pem, public_pem = generate_keypair()
    registry_dsn = await provision(database, "registry", topology.REGISTRY.migrations)
    events_dsn = await provision(database, "events", topology.EVENTS.migrations)
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    registry_app = create_registry(
        registry_settings(registry_dsn, servers, staff_token_public_key=public_pem)
    )
    events_app = events_app_without_subscribers(
        events_settings(events_dsn, servers, staff_token_public_key=public_pem)
    )
    web_app = create_web(
        WebSettings(
            database_url=web_dsn,
            admin_token=ADMIN_TOKEN,
            staff_token_private_key=private_pem,
            registry_url="http://registry",
            sales_url="http://sales",
            events_url="http://events",
            log_format="console",
        ),
        transport=ToApps({"registry": registry_app, "events": events_app}),
    )
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with (
        registry_app.router.lifespan_context(registry_app),
        events_app.router.lifespan_context(events_app),
        web_app.router.lifespan_context(web_app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=registry_app),
            base_url="http://registry",
            headers=admin,
        ) as registry_client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=events_app), base_url="http://events", headers=admin
        ) as events,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app), base_url="http://web") as web,
    ):
        yield PublicStack(registry=registry_client, events=events, web=web)
