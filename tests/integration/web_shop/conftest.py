"""The console's shop pages with the real sales and registry services behind them: all three
apps started in this process on databases of their own; the console's calls go to each
service's app by the host name of its URL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
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
from tests.integration.registry.conftest import registry_settings
from tests.integration.sales.conftest import running_sales
from tests.integration.web_members.conftest import PASSWORD, csrf_of

Console = Callable[..., Awaitable[httpx.AsyncClient]]


class ByHost(httpx.AsyncBaseTransport):
    """Requests to http://<service>/… go to that service's app."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self._transports = {host: httpx.ASGITransport(app=app) for host, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._transports[request.url.host].handle_async_request(request)


@dataclass
class ShopStack:
    sales_app: FastAPI
    registry: httpx.AsyncClient  # admin token
    sales: httpx.AsyncClient  # admin token
    web: httpx.AsyncClient  # admin token (staff API)


@pytest.fixture
async def shop_stack(
    database: Database, servers: Servers, topics: list[str]
) -> AsyncIterator[ShopStack]:
    private_pem, public_pem = generate_keypair()
    registry_dsn = await provision(database, "registry", topology.REGISTRY.migrations)
    sales_dsn = await provision(database, "sales", topology.SALES.migrations)
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    registry_app = create_registry(
        registry_settings(registry_dsn, servers, staff_token_public_key=public_pem)
    )
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with running_sales(
        sales_dsn, servers, staff_token_public_key=public_pem, sales_public_url="http://sales"
    ) as sales_app:
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
            transport=ByHost({"registry": registry_app, "sales": sales_app}),
        )
        async with (
            registry_app.router.lifespan_context(registry_app),
            web_app.router.lifespan_context(web_app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=registry_app),
                base_url="http://registry",
                headers=admin,
            ) as registry,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=sales_app), base_url="http://sales", headers=admin
            ) as sales,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=web_app), base_url="http://web", headers=admin
            ) as web,
        ):
            web.app = web_app  # type: ignore[attr-defined]
            yield ShopStack(sales_app, registry, sales, web)


@pytest.fixture
async def console(shop_stack: ShopStack) -> AsyncIterator[Console]:
    """console(role, area) → a client signed in to the console as a new staff account."""
    web = shop_stack.web
    clients: list[httpx.AsyncClient] = []

    async def signed_in(role: str, area: str | None) -> httpx.AsyncClient:
        username = f"shop.{uuid.uuid4().hex[:8]}"
        made = await web.post(
            "/v1/staff",
            json={
                "username": username,
                "display_name": "ผู้จัดการร้านทดสอบ",
                "password": PASSWORD,
                "grants": [{"role": role, "area": area}],
                "must_change_password": False,
            },
        )
        assert made.status_code == 201, made.text
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=web.app),  # type: ignore[attr-defined]
            base_url="http://web",
        )
        clients.append(client)
        login = await client.get("/console/login")
        answer = await client.post(
            "/console/login",
            data={
                "username": username,
                "password": PASSWORD,
                "csrf_token": csrf_of(login.text),
                "next": "/console",
            },
        )
        assert answer.status_code == 303, answer.text
        return client

    yield signed_in
    for client in clients:
        await client.aclose()
