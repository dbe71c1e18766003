"""Partner webhooks cannot grow without bound: a limit of active subscriptions, cursor pages,
and a removed subscription is neither listed nor delivered to."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from shared.service.runtime import runtime_of
from tests.integration.notifications.conftest import RunningService
from tests.paging import item_pages

pytestmark = pytest.mark.integration

PARTNER = {"url": "https://partner.example.org/otop", "kinds": ["settlement_issued"]}


@contextmanager
def webhook_limit(service: RunningService, limit: int) -> Iterator[None]:
    app = service.client._transport.app  # type: ignore[attr-defined]
    runtime = runtime_of(app)
    settings = runtime.settings
    runtime.settings = settings.model_copy(update={"webhook_max_active": limit})
    try:
        yield
    finally:
        runtime.settings = settings


async def all_pages(client: httpx.AsyncClient, path: str, limit: int) -> list[list[dict[str, Any]]]:
    return await item_pages(client, path, limit=limit)


async def test_active_webhooks_are_limited_and_a_removed_one_frees_its_place(
    service: RunningService,
) -> None:
    active = sum(map(len, await all_pages(service.client, "/v1/webhooks", 200)))
    with webhook_limit(service, active + 2):
        first = await service.client.post("/v1/webhooks", json=PARTNER)
        second = await service.client.post("/v1/webhooks", json=PARTNER)
        assert first.status_code == second.status_code == 201
        over = await service.client.post("/v1/webhooks", json=PARTNER)
        assert over.status_code == 409, over.text
        assert over.headers["content-type"].startswith("application/problem+json")
        assert over.json()["limit"] == active + 2 and "DELETE" in over.json()["detail"]
        removed = await service.client.delete(f"/v1/webhooks/{first.json()['subscription_id']}")
        assert removed.status_code == 204
        again = await service.client.post("/v1/webhooks", json=PARTNER)
        assert again.status_code == 201, again.text
    async with service.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM webhook_subscriptions WHERE active") == (
            active + 2
        )


async def test_webhooks_are_listed_in_cursor_pages_without_the_removed_ones(
    service: RunningService,
) -> None:
    created = [
        (await service.client.post("/v1/webhooks", json=PARTNER)).json()["subscription_id"]
        for _ in range(5)
    ]
    removed = created[2]
    assert (await service.client.delete(f"/v1/webhooks/{removed}")).status_code == 204
    pages = await all_pages(service.client, "/v1/webhooks", 2)
    assert all(len(page) <= 2 for page in pages) and len(pages) >= 2
    listed = [w["subscription_id"] for page in pages for w in page]
    assert len(listed) == len(set(listed))
    assert removed not in listed and set(created) - {removed} <= set(listed)
    assert all(w["active"] for page in pages for w in page)
    moments = [w["created_at"] for page in pages for w in page]
    assert moments == sorted(moments)
    bad = await service.client.get("/v1/webhooks", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422


async def test_the_delivery_log_pages_with_a_cursor_newest_first(service: RunningService) -> None:
    member = uuid.uuid4()
    ids = [uuid.uuid4() for _ in range(5)]
    async with service.pool.acquire() as conn:
        for n, delivery_id in enumerate(ids):
            # Two share a moment: the id orders them, so no page repeats or skips one.
            await conn.execute(
                "INSERT INTO deliveries (delivery_id, kind, member_id, source_event_id, "
                "source_event_type, context, state, failed_at, created_at) "
                "VALUES ($1, 'booth_assigned', $2, $3, 'booth.assigned', '{}', 'failed', now(), "
                "now() - make_interval(mins => $4))",
                delivery_id,
                member,
                uuid.uuid4(),
                min(n, 3),
            )
    pages = await all_pages(service.client, f"/v1/members/{member}/deliveries", 2)
    assert [len(page) for page in pages] == [2, 2, 1]
    listed = [d["delivery_id"] for page in pages for d in page]
    assert sorted(listed) == sorted(map(str, ids))
    moments = [d["created_at"] for page in pages for d in page]
    assert moments == sorted(moments, reverse=True)
    bad = await service.client.get("/v1/deliveries", params={"cursor": "%%%"})
    assert bad.status_code == 422
