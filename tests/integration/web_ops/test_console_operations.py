"""The console's operations page over HTTP: the registry runs as a real HTTP server, the
other services' addresses have nobody listening, the broker is the test broker."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from devstack.servers.ports import free_port
from services import topology
from services.registry.app import create_app as create_registry
from services.web.app import create_app as create_web
from services.web.settings import WebSettings
from shared.identity.roles import Role
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.registry.conftest import registry_settings
from tests.integration.web_calendar.console import staff_member
from tests.integration.web_ops.conftest import PRIVATE_KEY, PUBLIC_KEY, signed_in


def nobody_listens() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
async def web(
    database: Database, servers: Servers, topics: list[str], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", servers.bootstrap_servers)
    registry_dsn = await provision(database, "registry", topology.REGISTRY.migrations)
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    registry_app = create_registry(
        registry_settings(registry_dsn, servers, staff_token_public_key=PUBLIC_KEY)
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(registry_app, host="127.0.0.1", port=port, log_config=None)
    )
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, "the registry did not start"
    web_app = create_web(
        WebSettings(
            database_url=web_dsn,
            admin_token=ADMIN_TOKEN,
            staff_token_private_key=PRIVATE_KEY,
            registry_url=f"http://127.0.0.1:{port}",
            events_url=nobody_listens(),
            sales_url=nobody_listens(),
            notifications_url=nobody_listens(),
            log_format="console",
        )
    )
    try:
        async with (
            web_app.router.lifespan_context(web_app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=web_app), base_url="http://web"
            ) as client,
        ):
            yield client
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _row(html: str, section: str, service: str) -> str:
    part = html.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
    return part.split(f'data-service="{service}"', 1)[1].split("</tr>", 1)[0]


async def test_the_operations_page_shows_every_service_and_the_unreachable_ones(
    web: httpx.AsyncClient,
):
    await staff_member(web, "platform.admin", Role.ADMINISTRATOR, None)
    await signed_in(web, "platform.admin")

    page = await web.get("/console/operations")

    assert page.status_code == 200, page.text
    registry = _row(page.text, "services", "registry")
    assert "ทำงาน" in registry and "พร้อม" in registry and "ติดต่อไม่ได้" not in registry
    for service in ("events", "sales", "notifications"):
        assert "ติดต่อไม่ได้" in _row(page.text, "services", service)
        assert "ติดต่อไม่ได้" in _row(page.text, "outboxes", service)
    backlog = _row(page.text, "outboxes", "registry")
    assert re.search(r"<td>\d+</td>", backlog), backlog  # the pending count from /metrics
    assert "ไม่มีตัวชี้วัด" not in backlog and "ติดต่อไม่ได้" not in backlog
    dead_letters = page.text.split('<section id="dead-letters">', 1)[1]
    assert "registry.members.v1.dlq" in dead_letters and "ติดต่อโบรกเกอร์ไม่ได้" not in dead_letters
    assert 'hx-get="/console/operations/status"' in page.text and "every 10s" in page.text

    refreshed = await web.get("/console/operations/status", headers={"HX-Request": "true"})
    assert refreshed.status_code == 200
    assert refreshed.text.lstrip().startswith('<div id="platform-status"')


async def test_operations_are_for_administrators_and_auditors_only(web: httpx.AsyncClient):
    await staff_member(web, "office.auditor", Role.AUDITOR, None)
    await staff_member(web, "songkhla.officer", Role.PROVINCIAL_OFFICER, "90")
    await signed_in(web, "songkhla.officer")
    assert (await web.get("/console/operations")).status_code == 403

    web.cookies.clear()
    await signed_in(web, "office.auditor")
    assert (await web.get("/console/operations")).status_code == 200
