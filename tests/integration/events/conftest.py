from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.events.app import DEFINITION
from shared.http.app import build_app
from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from shared.logging import configure_logging
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher
from shared.service.runtime import runtime_of
from shared.settings import KafkaSettings, ServiceSettings
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.events.registry_feed import RegistryFeed


@pytest.fixture
async def events_dsn(database: Database) -> str:
    return await provision(database, "events", topology.EVENTS.migrations)


def events_settings(dsn: str, servers: Servers, **overrides: object) -> ServiceSettings:
    return ServiceSettings(
        database_url=dsn,
        admin_token=ADMIN_TOKEN,
        kafka=KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        outbox_poll_interval_seconds=0.2,
        log_format="console",
        **overrides,
    )


def events_app_without_subscribers(settings: ServiceSettings) -> FastAPI:
    """The events app with its consumers built but not subscribed to Kafka: tests hand them
    the registry's events directly, which saves a slow consumer-group join per test."""
    configure_logging(settings.log_level, settings.log_format, service="events")
    return build_app(DEFINITION.without_consumers(), settings)


def start_consumers(app: FastAPI) -> None:
    """The consumers the full app would subscribe, built on the started app's pool."""
    runtime = runtime_of(app)
    dlq = KafkaMessagePublisher(runtime.broker)
    for topic, handlers in DEFINITION.handlers.items():
        runtime.consumers[topic.name] = IdempotentConsumer(
            topology.EVENTS.group(topic),
            runtime.pool,
            dlq,
            handlers,
            runtime.unit_of_work_within,
        )


@pytest.fixture
async def events(
    events_dsn: str, servers: Servers, topics: list[str]
) -> AsyncIterator[httpx.AsyncClient]:
    """The events app, started (migrations, relay), behind an HTTP client with the token."""
    app = events_app_without_subscribers(events_settings(events_dsn, servers))
    async with app.router.lifespan_context(app):
        start_consumers(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://events",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ) as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@pytest.fixture
def registry_feed(events: httpx.AsyncClient) -> RegistryFeed:
    return RegistryFeed(events.app)  # type: ignore[attr-defined]


@dataclass
class StaffMember:
    """A staff account as the web front knows it: its id and a client sending its token."""

    account_id: str
    client: httpx.AsyncClient


@dataclass
class StaffEvents:
    """The events app trusting a web front's public key; staff call it with signed tokens."""

    admin: httpx.AsyncClient
    registry_feed: RegistryFeed
    signer: StaffTokenSigner
    transport: httpx.ASGITransport
    opened: list[httpx.AsyncClient] = field(default_factory=list)

    def staff(self, *grants: tuple[Role, str | None]) -> StaffMember:
        account_id = str(uuid.uuid4())
        token = self.signer.sign(account_id, [Grant(role=role, area=area) for role, area in grants])
        client = httpx.AsyncClient(
            transport=self.transport,
            base_url="http://events",
            headers={"Authorization": f"Bearer {token}"},
        )
        self.opened.append(client)
        return StaffMember(account_id, client)


@pytest.fixture
async def staff_events(
    events_dsn: str, servers: Servers, topics: list[str]
) -> AsyncIterator[StaffEvents]:
    private_pem, public_pem = generate_keypair()
    settings = events_settings(events_dsn, servers, staff_token_public_key=public_pem)
    app = events_app_without_subscribers(settings)
    async with app.router.lifespan_context(app):
        start_consumers(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://events",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ) as admin:
            door = StaffEvents(admin, RegistryFeed(app), StaffTokenSigner(private_pem), transport)
            try:
                yield door
            finally:
                for client in door.opened:
                    await client.aclose()
