"""What staff do with a development project in the events service's HTTP tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.integration.events.staff_calls import published_event

KBO_QUOTAS = [
    {"label": "กลุ่ม D", "places": 20, "segments": ["D"]},
    {"label": "กรรมการ KBO", "places": 20, "network_roles": ["kbo_committee"]},
]
KBO_RULES = {
    "segments": ["D"],
    "max_stars": 3,
    "network_roles": ["kbo_committee"],
    "province_codes": ["49"],
}


async def kbo_project(client: httpx.AsyncClient, **overrides: Any) -> str:
    """Mukdahan's KBO project, published, its selection rules set: its event id."""
    event = await published_event(
        client,
        **{
            "kind": "development_project",
            "title_th": "โครงการพัฒนาผลิตภัณฑ์ KBO จังหวัดมุกดาหาร",
            "host_province_code": "49",
            "venue_th": "โรงแรมริมโขง มุกดาหาร",
            "capacity": 40,
            "quotas": KBO_QUOTAS,
            "budget": "500000.00",
            **overrides,
        },
    )
    rules = await client.put(f"/v1/projects/{event['event_id']}/rules", json=KBO_RULES)
    assert rules.status_code == 200, rules.text
    return str(event["event_id"])


async def select(
    client: httpx.AsyncClient, event_id: str, *member_ids: uuid.UUID | str
) -> list[dict[str, Any]]:
    response = await client.post(
        f"/v1/projects/{event_id}/selections", json={"member_ids": [str(m) for m in member_ids]}
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def allocate(
    client: httpx.AsyncClient, event_id: str, member_id: uuid.UUID | str, amount: str
) -> httpx.Response:
    return await client.post(
        f"/v1/projects/{event_id}/grants",
        json={
            "member_id": str(member_id),
            "recipient_kind": "group",
            "amount": amount,
            "purpose_th": "พี่สอนน้อง เพื่อนช่วยเพื่อน: พัฒนาบรรจุภัณฑ์",
        },
    )


async def plans(client: httpx.AsyncClient, event_id: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/projects/{event_id}/plans")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
