from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services import topology
from services.registry.app import create_app
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from shared.settings import KafkaSettings, ServiceSettings
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers


@pytest.fixture
async def registry_dsn(database: Database) -> str:
    return await provision(database, "registry", topology.REGISTRY.migrations)


def registry_settings(dsn: str, servers: Servers, **overrides: object) -> ServiceSettings:
    return ServiceSettings(
        database_url=dsn,
        admin_token=ADMIN_TOKEN,
        kafka=KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        outbox_poll_interval_seconds=0.2,
        log_format="console",
        **overrides,
    )


# The web front's key pair: the registry trusts staff tokens signed with its private half.
WEB_PRIVATE_KEY, WEB_PUBLIC_KEY = generate_keypair()


@pytest.fixture
def staff_signer() -> StaffTokenSigner:
    """Signs staff tokens as the web front does, with the key the registry trusts."""
    return StaffTokenSigner(WEB_PRIVATE_KEY)


@pytest.fixture
async def registry(
    registry_dsn: str, servers: Servers, topics: list[str]
) -> AsyncIterator[httpx.AsyncClient]:
    """The registry app, started (migrations, topics, broker, relay), behind an HTTP client
    sending the admin token; it also accepts staff tokens signed by `staff_signer`."""
    app = create_app(
        registry_settings(registry_dsn, servers, staff_token_public_key=WEB_PUBLIC_KEY)
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://registry",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ) as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
