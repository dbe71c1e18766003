"""The web front's console with the real registry behind it: both apps started in this
process on databases of their own, the console's calls to the registry going straight to
the registry app; staff accounts made through the web front's staff API."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from services import topology
from services.registry.app import create_app as create_registry
from services.web.app import create_app as create_web
from services.web.settings import WebSettings
from shared.identity.tokens import generate_keypair
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.registry.conftest import registry_settings

PASSWORD = "console-test-password-1"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

Console = Callable[..., Awaitable[httpx.AsyncClient]]


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a console page."""
    found = CSRF_FIELD.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@pytest.fixture
async def stack(
    database: Database, servers: Servers, topics: list[str]
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """(registry client with the admin token, web app client with the admin token)."""
    private_pem, public_pem = generate_keypair()
    registry_dsn = await provision(database, "registry", topology.REGISTRY.migrations)
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    registry_app = create_registry(
        registry_settings(registry_dsn, servers, staff_token_public_key=public_pem)
    )
    web_app = create_web(
        WebSettings(
            database_url=web_dsn,
            admin_token=ADMIN_TOKEN,
            staff_token_private_key=private_pem,
            registry_url="http://registry",
            log_format="console",
        ),
        transport=httpx.ASGITransport(app=registry_app),
    )
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with (
        registry_app.router.lifespan_context(registry_app),
        web_app.router.lifespan_context(web_app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=registry_app),
            base_url="http://registry",
            headers=admin,
        ) as registry,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=web_app), base_url="http://web", headers=admin
        ) as web,
    ):
        web.app = web_app  # type: ignore[attr-defined]
        yield registry, web


@pytest.fixture
async def registry(
    stack: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> httpx.AsyncClient:
    return stack[0]


@pytest.fixture
async def console(
    stack: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> AsyncIterator[Console]:
    """console(role, area) → a client signed in to the console as a new staff account."""
    _, web = stack
    clients: list[httpx.AsyncClient] = []

    async def signed_in(role: str, area: str | None) -> httpx.AsyncClient:
        username = f"staff.{uuid.uuid4().hex[:8]}"
        made = await web.post(
            "/v1/staff",
            json={
                "username": username,
                "display_name": "เจ้าหน้าที่ทดสอบ",
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
