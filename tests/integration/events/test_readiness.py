"""/readyz looks at the events service's consumers, not only its connections."""

from __future__ import annotations

import httpx

from services.events.app import create_app
from shared.service.runtime import runtime_of
from tests.conftest import ADMIN_TOKEN, eventually
from tests.infrastructure import Servers
from tests.integration.events.conftest import events_settings


async def _ready(events: httpx.AsyncClient) -> httpx.Response | None:
    answer = await events.get("/readyz")
    return answer if answer.status_code == 200 else None


async def test_readiness_fails_naming_the_group_whose_consumer_stopped(
    events_dsn: str, servers: Servers, topics: list[str]
) -> None:
    app = create_app(events_settings(events_dsn, servers))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://events",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ) as events:
            ready = await eventually(lambda: _ready(events), timeout=30)
            assert ready.json()["checks"]["consumers"] == "ok"

            broker = runtime_of(app).broker
            [members] = [s for s in broker.subscribers if s.group_id == "events.registry-members"]
            await members.stop()

            answer = await events.get("/readyz")
    assert answer.status_code == 503
    consumers = answer.json()["checks"]["consumers"]
    assert "events.registry-members: not running" in consumers
    assert "events.registry-products" not in consumers
