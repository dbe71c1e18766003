from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services import topology
from services.sales.app import DEFINITION
from services.sales.settings import SalesSettings
from shared.http.app import build_app
from shared.settings import KafkaSettings
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.infrastructure import Servers


@pytest.fixture
async def sales_dsn(database: Database) -> str:
    return await provision(database, "sales", topology.SALES.migrations)


def sales_settings(dsn: str, servers: Servers, **overrides: Any) -> SalesSettings:
    values: dict[str, Any] = {
        "database_url": dsn,
        "admin_token": ADMIN_TOKEN,
        "kafka": KafkaSettings(bootstrap_servers=servers.bootstrap_servers, topic_partitions=3),
        "outbox_poll_interval_seconds": 0.2,
        "log_format": "console",
        "sales_commission_percent": "15.00",
        "sales_promptpay_id": "0801234567",
        "sales_summary_job": False,
        "db_pool_max_size": 20,
    }
    values.update(overrides)
    return SalesSettings(**values)


@asynccontextmanager
async def running_sales(
    dsn: str, servers: Servers, *, consume: bool = False, **overrides: Any
) -> AsyncIterator[FastAPI]:
    """The sales app started (migrations, topics, relay); with `consume` also its Kafka
    subscribers, which take a consumer-group join each, so only a few tests do that."""
    definition = DEFINITION if consume else DEFINITION.without_consumers()
    app = build_app(definition, sales_settings(dsn, servers, **overrides))
    async with app.router.lifespan_context(app):
        yield app


def client_of(app: FastAPI, token: str | None = None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sales", headers=headers
    )


@pytest.fixture
async def sales_app(sales_dsn: str, servers: Servers, topics: list[str]) -> AsyncIterator[FastAPI]:
    async with running_sales(sales_dsn, servers) as app:
        yield app


@pytest.fixture
async def staff(sales_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(sales_app, ADMIN_TOKEN) as client:
        yield client


@pytest.fixture
def producer() -> uuid.UUID:
    return uuid.uuid4()
