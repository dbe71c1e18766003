from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from services import topology
from services.web.app import create_app as create_web_app
from services.web.settings import WebSettings
from shared.identity.roles import Role
from shared.identity.tokens import generate_keypair
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.events.conftest import (
    events_app_without_subscribers,
    events_settings,
    start_consumers,
)
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.web_calendar.console import ServiceRouter, staff_member

PRIVATE_KEY, PUBLIC_KEY = generate_keypair()


@dataclass
class Console:
    web: httpx.AsyncClient  # the web front, with a browser's cookie jar
    events: httpx.AsyncClient  # the events service with the admin token
    registry_feed: RegistryFeed


@pytest.fixture
async def console(
    database: Database, servers: Servers, topics: list[str]
) -> AsyncIterator[Console]:
    events_dsn = await provision(database, "events", topology.EVENTS.migrations)
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    events_app = events_app_without_subscribers(
        events_settings(events_dsn, servers, staff_token_public_key=PUBLIC_KEY)
    )
    web_settings = WebSettings(
        database_url=web_dsn,
        admin_token=ADMIN_TOKEN,
        staff_token_private_key=PRIVATE_KEY,
        events_url="http://events",
        registry_url="http://registry",
        log_format="console",
    )
    router = ServiceRouter({"events": httpx.ASGITransport(app=events_app)})
    web_app = create_web_app(web_settings, transport=router)
    async with (
        events_app.router.lifespan_context(events_app),
        web_app.router.lifespan_context(web_app),
    ):
        start_consumers(events_app)
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=web_app), base_url="http://web"
            ) as web,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=events_app),
                base_url="http://events",
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            ) as events,
        ):
            await staff_member(web, "songkhla.officer", Role.PROVINCIAL_OFFICER, "90")
            await staff_member(web, "khonkaen.officer", Role.PROVINCIAL_OFFICER, "40")
            yield Console(web, events, RegistryFeed(events_app))
