"""The web front's console with the real registry and notifications services behind it
(started in this process on databases of their own); the events and sales services are not
started, so the console finds them unreachable. Staff accounts are made through the web
front's staff API and signed in through the login form."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.notifications.app import DEFINITION as NOTIFICATIONS
from services.notifications.settings import NotificationSettings
from services.registry.app import create_app as create_registry
from services.web.app import create_app as create_web
from services.web.settings import WebSettings
from shared.http.app import build_app
from shared.identity.tokens import generate_keypair
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher
from shared.service.runtime import runtime_of
from shared.settings import KafkaSettings
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.registry.conftest import registry_settings
from tests.integration.web_calendar.console import CSRF_FIELD, PASSWORD, ServiceRouter

PRIVATE_KEY, PUBLIC_KEY = generate_keypair()
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@dataclass
class Stack:
    web: httpx.AsyncClient  # the web front, with a browser's cookie jar
    registry: httpx.AsyncClient  # the registry with the admin token
    notifications_feed: RegistryFeed  # the registry's events handed to notifications


def notifications_app(dsn: str, servers: Servers) -> FastAPI:
    settings = NotificationSettings(
        database_url=dsn,
        admin_token=ADMIN_TOKEN,
        staff_token_public_key=PUBLIC_KEY,
        kafka=KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        outbox_poll_interval_seconds=0.2,
        log_format="console",
    )  # type: ignore[call-arg]
    return build_app(NOTIFICATIONS.without_consumers(), settings)


def start_consumers(app: FastAPI) -> None:
    """The consumers the full app would subscribe, built on the started app's pool: tests
    hand them the registry's events directly (no consumer-group join per test)."""
    runtime = runtime_of(app)
    dlq = KafkaMessagePublisher(runtime.broker)
    for topic, handlers in NOTIFICATIONS.handlers.items():
        runtime.consumers[topic.name] = IdempotentConsumer(
            topology.NOTIFICATIONS.group(topic),
            runtime.pool,
            dlq,
            handlers,
            runtime.unit_of_work_within,
        )


@pytest.fixture
async def stack(database: Database, servers: Servers, topics: list[str]) -> AsyncIterator[Stack]:
    registry_dsn = await provision(database, "registry", topology.REGISTRY.migrations)
    notifications_dsn = await provision(
        database, "notifications", topology.NOTIFICATIONS.migrations
    )
    web_dsn = await provision(database, "web", topology.WEB.migrations)
    registry_app = create_registry(
        registry_settings(registry_dsn, servers, staff_token_public_key=PUBLIC_KEY)
    )
    notifications = notifications_app(notifications_dsn, servers)
    router = ServiceRouter(
        {
            "registry": httpx.ASGITransport(app=registry_app),
            "notifications": httpx.ASGITransport(app=notifications),
        }
    )
    web_app = create_web(
        WebSettings(
            database_url=web_dsn,
            admin_token=ADMIN_TOKEN,
            staff_token_private_key=PRIVATE_KEY,
            registry_url="http://registry",
            notifications_url="http://notifications",
            events_url="http://events",
            sales_url="http://sales",
            log_format="console",
        ),
        transport=router,
    )
    async with (
        registry_app.router.lifespan_context(registry_app),
        notifications.router.lifespan_context(notifications),
        web_app.router.lifespan_context(web_app),
    ):
        start_consumers(notifications)
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=web_app), base_url="http://web"
            ) as web,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=registry_app),
                base_url="http://registry",
                headers=ADMIN,
            ) as registry,
        ):
            yield Stack(web, registry, RegistryFeed(notifications))


async def signed_in(web: httpx.AsyncClient, username: str) -> str:
    """Signs in through the login form; the session's CSRF token for the console's forms."""
    form = await web.get("/console/login")
    login_csrf = CSRF_FIELD.search(form.text)
    assert login_csrf, form.text
    answer = await web.post(
        "/console/login",
        data={"username": username, "password": PASSWORD, "csrf_token": login_csrf.group(1)},
    )
    assert answer.status_code == 303, answer.text
    page = await web.get("/console/audit")
    assert page.status_code == 200, page.text
    token = CSRF_FIELD.search(page.text)
    assert token, page.text
    return token.group(1)
