"""The staff API: preferences, partner webhooks and the delivery log; bad input is a 4xx
problem document and stores nothing."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.integration.notifications.conftest import RunningService

pytestmark = pytest.mark.integration


async def test_preferences_round_trip_and_answer_with_what_is_stored(
    service: RunningService,
) -> None:
    member_id = uuid.uuid4()
    body = {
        "language": "en",
        "channels": ["email", "sms"],
        "opt_outs": ["product_rated", "booth_assigned"],
        "quiet_hours": {"start": "22:00", "end": "06:30"},
    }
    stored = await service.client.put(f"/v1/members/{member_id}/preferences", json=body)
    assert stored.status_code == 200, stored.text
    read = (await service.client.get(f"/v1/members/{member_id}/preferences")).json()
    assert read == stored.json()
    assert read["channels"] == ["email", "sms"] and read["effective_language"] == "en"
    assert read["opt_outs"] == ["booth_assigned", "product_rated"]
    assert read["quiet_hours"] == {
        "start": "22:00:00",
        "end": "06:30:00",
        "timezone": "Asia/Bangkok",
    }


async def test_a_member_the_service_does_not_know_is_not_found(service: RunningService) -> None:
    answer = await service.client.get(f"/v1/members/{uuid.uuid4()}/preferences")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "body",
    [
        {"channels": ["fax"]},
        {"channels": []},
        {"channels": ["line", "line"]},
        {"channels": ["webhook"]},
        {"language": "fr"},
        {"opt_outs": ["event_cancelled"]},
        {"opt_outs": ["no_such_kind"]},
        {"quiet_hours": {"start": "22:00", "end": "22:00"}},
        {"quiet_hours": {"start": "25:00", "end": "06:00"}},
        {"quiet_hours": {"start": "22:00+07:00", "end": "06:00+07:00"}},
        {"colour": "blue"},
    ],
)
async def test_invalid_preferences_are_refused_and_nothing_is_stored(
    service: RunningService, body: dict
) -> None:
    member_id = uuid.uuid4()
    answer = await service.client.put(f"/v1/members/{member_id}/preferences", json=body)
    assert 400 <= answer.status_code < 500 and answer.status_code != 404, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert (await service.client.get(f"/v1/members/{member_id}/preferences")).status_code == 404


async def test_the_api_needs_the_admin_token(service: RunningService) -> None:
    transport = service.client._transport  # the same app, without the token
    async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as bare:
        assert (await bare.get("/v1/deliveries")).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token-at-all-0000"}
        assert (await bare.get("/v1/webhooks", headers=wrong)).status_code == 401


async def test_a_webhook_secret_is_shown_once_and_a_removed_webhook_is_inactive(
    service: RunningService,
) -> None:
    created = await service.client.post(
        "/v1/webhooks",
        json={"url": "https://partner.example.org/otop", "kinds": ["settlement_issued"]},
    )
    assert created.status_code == 201
    subscription = created.json()
    assert subscription["secret"].startswith("whsec_")
    assert created.headers["Location"] == f"/v1/webhooks/{subscription['subscription_id']}"
    listed = (await service.client.get("/v1/webhooks")).json()["items"]
    [mine] = [w for w in listed if w["subscription_id"] == subscription["subscription_id"]]
    assert mine["active"] is True and "secret" not in mine
    removed = await service.client.delete(f"/v1/webhooks/{subscription['subscription_id']}")
    assert removed.status_code == 204
    listed = (await service.client.get("/v1/webhooks")).json()["items"]
    assert subscription["subscription_id"] not in {w["subscription_id"] for w in listed}
    async with service.pool.acquire() as conn:
        assert not await conn.fetchval(
            "SELECT active FROM webhook_subscriptions WHERE subscription_id = $1",
            uuid.UUID(subscription["subscription_id"]),
        )
    removed_again = await service.client.delete(f"/v1/webhooks/{subscription['subscription_id']}")
    assert removed_again.status_code == 404
    again = await service.client.delete(f"/v1/webhooks/{uuid.uuid4()}")
    assert again.status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://partner.example.org", "kinds": ["booth_assigned"]},
        {"url": "not a url", "kinds": ["booth_assigned"]},
        {"url": "https://partner.example.org", "kinds": []},
        {"url": "https://partner.example.org", "kinds": ["everything"]},
    ],
)
async def test_an_invalid_webhook_is_refused(service: RunningService, body: dict) -> None:
    before = len((await service.client.get("/v1/webhooks")).json()["items"])
    answer = await service.client.post("/v1/webhooks", json=body)
    assert answer.status_code == 422
    assert len((await service.client.get("/v1/webhooks")).json()["items"]) == before


async def test_the_delivery_log_refuses_bad_filters_and_unknown_deliveries(
    service: RunningService,
) -> None:
    assert (await service.client.get("/v1/deliveries?state=lost")).status_code == 422
    assert (await service.client.get("/v1/deliveries?limit=0")).status_code == 422
    assert (await service.client.get("/v1/deliveries?member_id=nope")).status_code == 422
    assert (await service.client.get(f"/v1/deliveries/{uuid.uuid4()}")).status_code == 404
    empty = await service.client.get(f"/v1/events/{uuid.uuid4()}/deliveries")
    assert empty.json() == {"items": [], "next_cursor": None}


async def test_the_service_is_ready_and_lists_its_topics(service: RunningService) -> None:
    ready = await service.client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["delivery_workers"] == "ok"
    asyncapi = await service.client.get("/asyncapi.json")
    if asyncapi.status_code == 200:
        assert "notifications.deliveries.v1" in asyncapi.text
