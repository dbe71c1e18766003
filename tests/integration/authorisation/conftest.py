"""The four services started once for the matrix module, each on a database of its own, and
terminal keys issued by the real sales service."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.events.app import DEFINITION as EVENTS
from services.notifications.app import DEFINITION as NOTIFICATIONS
from services.notifications.settings import NotificationSettings
from services.registry.app import create_app as create_registry
from services.sales.adapters.catalogue import upsert_event, upsert_product
from services.sales.app import DEFINITION as SALES
from shared.contracts.registry import ProductCategory, ProductSnapshot, ProductStatus
from shared.http.app import build_app
from shared.http.rate_limit import FailedAuthLimiter
from shared.service.runtime import runtime_of
from shared.settings import KafkaSettings
from shared.timeutil import now_bangkok
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers
from tests.integration.authorisation.matrix import STAFF_PUBLIC_KEY, TerminalKeys
from tests.integration.events.conftest import events_settings
from tests.integration.registry.conftest import registry_settings
from tests.integration.sales.conftest import sales_settings
from tests.integration.sales.stocking import approve_and_stock_on


@asynccontextmanager
async def started(
    servers: Servers, service: str, migrations: Path, build: Callable[[str], FastAPI]
) -> AsyncIterator[FastAPI]:
    """The app built by `build(dsn)` on a fresh database, started, with the limit on failed
    authentication off (the matrix fails authentication hundreds of times on purpose)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    try:
        dsn = await provision(
            Database(name, servers.admin_dsn.rpartition("/")[0] + f"/{name}"), service, migrations
        )
        app = build(dsn)
        runtime_of(app).auth_limiter = FailedAuthLimiter(limit=0, window_seconds=60)
        async with app.router.lifespan_context(app):
            yield app
    finally:
        admin = await asyncpg.connect(servers.admin_dsn)
        try:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        finally:
            await admin.close()


@pytest.fixture(scope="module")
async def sales(servers: Servers, session_topics: list[str]) -> AsyncIterator[FastAPI]:
    def build(dsn: str) -> FastAPI:
        return build_app(
            SALES.without_consumers(),
            sales_settings(dsn, servers, staff_token_public_key=STAFF_PUBLIC_KEY),
        )

    async with started(servers, "sales", topology.SALES.migrations, build) as app:
        yield app


@pytest.fixture(scope="module")
async def keys(sales: FastAPI) -> TerminalKeys:
    """A shop terminal with an open shift and a sale, a booth terminal of another event, a
    terminal whose only key was revoked and one whose first key was rotated out."""
    event_id = uuid.uuid4()
    starts = now_bangkok()
    async with runtime_of(sales).pool.acquire() as conn:
        await upsert_event(
            conn, event_id, "showcase", "published", 1, starts_at=starts, ends_at=starts
        )
        matrix_product = ProductSnapshot(
            product_id=uuid.uuid4(),
            member_id=uuid.uuid4(),
            version=1,
            sku="SK-MATRIX",
            name_th="ข้าวเกรียบปลา",
            category=ProductCategory.FOOD,
            unit="ถุง",
            price="85.50",
            certifications=[],
            status=ProductStatus.LISTED,
            province_code="90",
        )
        await upsert_product(conn, matrix_product)
        # The shop sells it: approved and stocked, as its terminal's sale needs.
        await approve_and_stock_on(conn, matrix_product.product_id, matrix_product.member_id)
    transport = httpx.ASGITransport(app=sales)
    staff_headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sales", headers=staff_headers
    ) as staff:

        async def register(**body: str) -> dict:
            answer = await staff.post("/v1/terminals", json={"name": "เครื่องขาย", **body})
            assert answer.status_code == 201, answer.text
            return answer.json()

        shop = await register(location="shop")
        booth = await register(location="booth", event_id=str(event_id))
        revoked, rotated = await register(location="shop"), await register(location="shop")
        for terminal in (revoked, rotated):
            if terminal is rotated:
                assert (await staff.post(f"/v1/terminals/{rotated['terminal_id']}/keys")).is_success
            key_id = terminal["keys"][0]["key_id"]
            revoke = f"/v1/terminals/{terminal['terminal_id']}/keys/{key_id}/revoke"
            assert (await staff.post(revoke)).status_code == 200
        till = {"Authorization": f"Bearer {shop['api_key']}"}
        shift = await staff.post("/v1/shifts", json={"opening_float": "500.00"}, headers=till)
        assert shift.status_code == 201, shift.text
        sale = await staff.post(
            "/v1/sales",
            headers=till,
            json={
                "sale_id": str(uuid.uuid4()),
                "occurred_at": now_bangkok().isoformat(),
                "lines": [{"sku": "SK-MATRIX", "quantity": 1, "unit_price": "85.50"}],
                "payments": [{"method": "cash", "amount": "100.00"}],
            },
        )
        assert sale.status_code == 201, sale.text
    return TerminalKeys(
        shop=shop["api_key"],
        booth_of_another_event=booth["api_key"],
        revoked=revoked["api_key"],
        rotated_out=rotated["api_key"],
        sale_id=uuid.UUID(sale.json()["sale_id"]),
        shift_id=uuid.UUID(shift.json()["shift_id"]),
    )


@pytest.fixture(scope="module")
async def registry(servers: Servers, session_topics: list[str]) -> AsyncIterator[FastAPI]:
    def build(dsn: str) -> FastAPI:
        return create_registry(
            registry_settings(dsn, servers, staff_token_public_key=STAFF_PUBLIC_KEY)
        )

    async with started(servers, "registry", topology.REGISTRY.migrations, build) as app:
        yield app


@pytest.fixture(scope="module")
async def events(servers: Servers, session_topics: list[str]) -> AsyncIterator[FastAPI]:
    def build(dsn: str) -> FastAPI:
        definition = EVENTS.without_consumers()
        return build_app(
            definition, events_settings(dsn, servers, staff_token_public_key=STAFF_PUBLIC_KEY)
        )

    async with started(servers, "events", topology.EVENTS.migrations, build) as app:
        yield app


@pytest.fixture(scope="module")
async def notifications(servers: Servers, session_topics: list[str]) -> AsyncIterator[FastAPI]:
    # No consumers and no workers: the matrix asks the HTTP routes only.
    def build(dsn: str) -> FastAPI:
        settings = NotificationSettings(
            database_url=dsn,
            admin_token=ADMIN_TOKEN,
            staff_token_public_key=STAFF_PUBLIC_KEY,
            kafka=KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
            outbox_poll_interval_seconds=0.2,
            log_format="console",
            workers_enabled=False,
        )  # type: ignore[call-arg]
        return build_app(NOTIFICATIONS.without_consumers(), settings)

    async with started(servers, "notifications", topology.NOTIFICATIONS.migrations, build) as app:
        yield app
