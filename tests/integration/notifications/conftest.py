from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import httpx
import pytest
from faststream.kafka import KafkaBroker
from pydantic import BaseModel

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port
from services import topology
from services.notifications.app import create_app
from services.notifications.settings import NotificationSettings
from shared.db.pool import create_pool
from shared.identity.tokens import generate_keypair
from shared.messaging.outbox import envelope_for
from shared.messaging.publisher import KafkaMessagePublisher
from shared.settings import KafkaSettings
from tests.backlogs import skip_backlogs
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.notifications.peers import HttpPeer

MIGRATIONS = topology.NOTIFICATIONS.migrations

# The web front's key pair: staff tokens signed with the private key, the service verifies
# them with the public one.
STAFF_SIGNING_KEY, STAFF_PUBLIC_KEY = generate_keypair()

LINE_TOKEN = "test-line-channel-access-token"
SMS_TOKEN = "test-sms-gateway-token"


@dataclass
class Peers:
    line: HttpPeer
    sms: HttpPeer
    webhook: HttpPeer
    mail: MailCatcher


@pytest.fixture
async def peers() -> AsyncIterator[Peers]:
    line, sms, webhook = HttpPeer(), HttpPeer(), HttpPeer()
    mail = MailCatcher(smtp_port=free_port())
    for server in (line, sms, webhook, mail):
        await server.start()
    yield Peers(line, sms, webhook, mail)
    for server in (line, sms, webhook, mail):
        await server.stop()


def notification_settings(
    dsn: str, servers: Servers, peers: Peers, **overrides: object
) -> NotificationSettings:
    values: dict[str, object] = {
        "database_url": dsn,
        "admin_token": ADMIN_TOKEN,
        "staff_token_public_key": STAFF_PUBLIC_KEY,
        "kafka": KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        "outbox_poll_interval_seconds": 0.2,
        "log_format": "console",
        "smtp_host": "127.0.0.1",
        "smtp_port": peers.mail.smtp_port,
        "line_api_base_url": peers.line.url,
        "line_channel_access_token": LINE_TOKEN,
        "sms_gateway_url": peers.sms.url,
        "sms_gateway_token": SMS_TOKEN,
        "channel_timeout_seconds": 3.0,
        "delivery_max_attempts": 3,
        "delivery_backoff_initial_seconds": 0.05,
        "delivery_backoff_max_seconds": 0.2,
        "delivery_lease_seconds": 5.0,
        "worker_poll_interval_seconds": 0.1,
    }
    values.update(overrides)
    return NotificationSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
async def notifications_dsn(database: Database) -> str:
    return await provision(database, "notifications", MIGRATIONS)


@pytest.fixture
async def pool(notifications_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(notifications_dsn, schema="notifications", max_size=8)
    yield created
    await created.close()


@dataclass
class RunningService:
    client: httpx.AsyncClient
    pool: asyncpg.Pool
    peers: Peers
    kafka: KafkaMessagePublisher
    bootstrap_servers: str

    async def publish(self, producer: str, key: uuid.UUID, data: BaseModel) -> bytes:
        """Put a real envelope of the contract type on its topic; returns its bytes."""
        topic, envelope = envelope_for(producer, str(key), data)
        value = envelope.model_dump_json().encode()
        await self.publish_raw(topic, key, value)
        return value

    async def publish_raw(self, topic: str, key: uuid.UUID, value: bytes) -> None:
        result = await self.kafka.publish_ordered([(topic, str(key).encode(), value, {})])
        assert result.confirmed == 1, result.error


@pytest.fixture(scope="module")
async def service(servers: Servers, session_topics: list[str]) -> AsyncIterator[RunningService]:
    """The notifications app started once per module (broker consumers, workers, relay),
    on a database of its own, with its peers, its groups past what earlier tests published."""
    await skip_backlogs(servers.bootstrap_servers)
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    database = Database(name, servers.admin_dsn.rpartition("/")[0] + f"/{name}")
    dsn = await provision(database, "notifications", MIGRATIONS)
    line, sms, webhook = HttpPeer(), HttpPeer(), HttpPeer()
    mail = MailCatcher(smtp_port=free_port())
    for server in (line, sms, webhook, mail):
        await server.start()
    peers = Peers(line, sms, webhook, mail)
    kafka = KafkaBroker(
        servers.bootstrap_servers, acks="all", enable_idempotence=False, logger=None
    )
    await kafka.start()
    app = create_app(notification_settings(dsn, servers, peers))
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://notifications",
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            ) as client,
        ):
            yield RunningService(
                client,
                app.state.runtime.pool,
                peers,
                KafkaMessagePublisher(kafka),
                servers.bootstrap_servers,
            )
    finally:
        await kafka.stop()
        for server in (line, sms, webhook, mail):
            await server.stop()
        admin = await asyncpg.connect(servers.admin_dsn)
        try:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        finally:
            await admin.close()
