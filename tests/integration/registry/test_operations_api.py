"""Health, readiness, metrics and the OpenAPI document of the registry."""

from __future__ import annotations

import asyncpg
import httpx

from shared.messaging.relay import relay_lock_key
from shared.service.runtime import runtime_of


async def test_health_and_readiness_need_no_token_and_report_database_broker_relay_consumers(
    registry: httpx.AsyncClient,
) -> None:
    transport = httpx.ASGITransport(app=registry.app)  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=transport, base_url="http://registry") as anonymous:
        health = await anonymous.get("/healthz")
        ready = await anonymous.get("/readyz")

    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200, ready.text
    assert ready.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "ok", "outbox_relay": "ok", "consumers": "ok"},
    }


async def test_readiness_fails_when_the_outbox_relay_has_stopped(
    registry: httpx.AsyncClient,
) -> None:
    relay = runtime_of(registry.app).relay  # type: ignore[attr-defined]
    assert relay is not None
    await relay.stop()
    ready = await registry.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["outbox_relay"].startswith("unavailable")


async def test_readiness_fails_while_an_event_waits_longer_than_the_limit_to_be_published(
    registry: httpx.AsyncClient, registry_dsn: str
) -> None:
    conn = await asyncpg.connect(registry_dsn)
    try:
        # Another relay of the registry holds the lock and publishes nothing.
        await conn.execute("SELECT pg_advisory_lock($1)", relay_lock_key("registry"))
        row_id = await conn.fetchval(
            """INSERT INTO outbox (event_id, event_type, topic, message_key, envelope,
                                   correlation_id, created_at)
               VALUES (gen_random_uuid(), 'member.registered', 'registry.members.v1', 'k',
                       '{}'::jsonb, gen_random_uuid(), now() - interval '2 minutes')
               RETURNING id"""
        )
        waiting = await registry.get("/readyz")
        await conn.execute("DELETE FROM outbox WHERE id = $1", row_id)
        await conn.execute("SELECT pg_advisory_unlock($1)", relay_lock_key("registry"))
    finally:
        await conn.close()
    assert waiting.status_code == 503
    relay = waiting.json()["checks"]["outbox_relay"]
    assert "1 event(s) wait to be published, the oldest for 120s (limit 60s)" in relay
    assert (await registry.get("/readyz")).status_code == 200


async def test_metrics_count_requests_by_route(registry: httpx.AsyncClient) -> None:
    await registry.get("/v1/members")

    metrics = await registry.get("/metrics")

    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'otop_http_requests_total{method="GET",route="/v1/members",status="200"}' in metrics.text


async def test_the_openapi_document_describes_prices_as_decimal_strings(
    registry: httpx.AsyncClient,
) -> None:
    document = (await registry.get("/openapi.json")).json()

    schemas = document["components"]["schemas"]
    price = schemas["ProductInput"]["properties"]["price"]
    assert price["type"] == "string"
    assert price["examples"] == ["1250.50"]
    assert "/v1/members/{member_id}/products" in document["paths"]
    assert "/v1/roles" in document["paths"]


async def test_asyncapi_describes_the_events_the_registry_publishes(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.get("/asyncapi.json")
    assert response.status_code == 200
    channels = response.json()["channels"]
    addresses = {channel["address"] for channel in channels.values()}
    assert addresses == {"registry.members.v1", "registry.products.v1", "registry.communities.v1"}
    assert "registry.members.v1:member.registered.v1" in channels
    assert "registry.communities.v1:community.registered.v1" in channels
