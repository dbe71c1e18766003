"""What staff do in the events service's HTTP tests, and the check of a problem document."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.integration.events.payloads import event_payload

PROBLEM_JSON = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, *in_detail: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    for fragment in in_detail:
        assert fragment in body["detail"], body
    return body


async def published_event(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    created = await client.post("/v1/events", json=event_payload(**overrides))
    assert created.status_code == 201, created.text
    published = await client.post(f"/v1/events/{created.json()['event_id']}/publish")
    assert published.status_code == 200, published.text
    body: dict[str, Any] = published.json()
    return body


async def apply(
    client: httpx.AsyncClient, event_id: str, member_id: uuid.UUID | str
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/events/{event_id}/registrations", json={"member_id": str(member_id)}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def registrations(
    client: httpx.AsyncClient, event_id: str, **params: Any
) -> list[dict[str, Any]]:
    """Every page of the event's registrations, in the order applied."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(f"/v1/events/{event_id}/registrations", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
