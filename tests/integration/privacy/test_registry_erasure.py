"""Erasing a member's personal data in the registry (PDPA): what is cleared, what is kept,
the `member.erased` event, and that asking twice changes nothing."""

from __future__ import annotations

import json
from typing import Any

import asyncpg
import httpx

from shared.contracts.registry import ERASED_TEXT
from tests.integration.registry.helpers import register_active
from tests.integration.registry.payloads import product_payload

PERSON = {
    "name": "นายประเสริฐ ศรีสุข",
    "phone": "0819998877",
    "email": "prasert.s@example.org",
    "line_id": "prasert.ss",
}
PERSONAL_VALUES = ("0819998877", "prasert.s@example.org", "prasert.ss", "ประเสริฐ", "ร้านลุงเสริฐ")


async def _single_owner(registry: httpx.AsyncClient) -> dict[str, Any]:
    return await register_active(
        registry,
        member_type="single_owner",
        name_th="ร้านลุงเสริฐ",
        name_en="Uncle Sert's",
        contact=PERSON,
        community_enterprise=False,
        community_enterprise_no=None,
    )


async def _stored_text(registry_dsn: str) -> str:
    """Every row the registry keeps (members, roles, the outbox), as one text."""
    conn = await asyncpg.connect(registry_dsn)
    try:
        rows = []
        for table in ("members", "role_assignments", "outbox", "products", "product_ratings"):
            rows += [dict(r) for r in await conn.fetch(f"SELECT * FROM {table}")]
    finally:
        await conn.close()
    return json.dumps(rows, default=str, ensure_ascii=False)


async def test_erasure_clears_the_person_and_keeps_the_member_its_area_and_products(
    registry: httpx.AsyncClient, registry_dsn: str
) -> None:
    member = await _single_owner(registry)
    member_id = member["member_id"]
    product = await registry.post(
        f"/v1/members/{member_id}/products", json=product_payload(sku="SRT-0001")
    )
    assert product.status_code == 201, product.text
    role = await registry.post(
        "/v1/roles",
        json={
            "member_id": member_id,
            "person_name": "นายประเสริฐ ศรีสุข",
            "role": "committee_member",
            "province_code": "90",
            "term_start": "2026-01-01",
            "term_end": "2028-01-01",
        },
    )
    assert role.status_code == 201, role.text
    before = (await registry.get(f"/v1/members/{member_id}/personal-data")).json()
    assert before["sections"]["member"][0]["contact_email"] == PERSON["email"]
    assert before["sections"]["roles"][0]["person_name"] == PERSON["name"]
    assert before["sections"]["products"][0]["price"] == "85.50"
    stored = await _stored_text(registry_dsn)
    assert all(v in stored for v in PERSONAL_VALUES)

    erased = await registry.post(f"/v1/members/{member_id}/erasure")
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert body["contact"] == {"name": ERASED_TEXT, "phone": None, "email": None, "line_id": None}
    assert (body["name_th"], body["name_en"]) == (ERASED_TEXT, None)
    assert body["site"]["address_line"] == ERASED_TEXT
    assert (body["site"]["subdistrict_code"], body["site"]["postal_code"]) == (
        member["site"]["subdistrict_code"],
        member["site"]["postal_code"],
    )
    assert (body["member_type"], body["status"]) == ("single_owner", "active")
    assert body["version"] == member["version"] + 1 and body["erased_at"] is not None

    stored = await _stored_text(registry_dsn)
    assert [v for v in PERSONAL_VALUES if v in stored] == []
    after = (await registry.get(f"/v1/members/{member_id}/personal-data")).json()["sections"]
    assert [p["sku"] for p in after["products"]] == ["SRT-0001"]
    assert [(r["role"], r["person_name"]) for r in after["roles"]] == [
        ("committee_member", ERASED_TEXT)
    ]


async def test_asking_twice_erases_once_and_publishes_one_member_erased(
    registry: httpx.AsyncClient, registry_dsn: str
) -> None:
    member_id = (await _single_owner(registry))["member_id"]
    first = await registry.post(f"/v1/members/{member_id}/erasure")
    second = await registry.post(f"/v1/members/{member_id}/erasure")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    conn = await asyncpg.connect(registry_dsn)
    try:
        events = await conn.fetch(
            "SELECT envelope FROM outbox WHERE event_type = 'member.erased' AND message_key = $1",
            member_id,
        )
    finally:
        await conn.close()
    [event] = [
        json.loads(r["envelope"]) if isinstance(r["envelope"], str) else r["envelope"]
        for r in events
    ]
    assert event["event_version"] == 1
    assert event["data"]["version"] == first.json()["version"]
    assert event["data"]["contact"]["email"] is None


async def test_an_erased_member_cannot_be_given_details_again_and_a_group_keeps_its_name(
    registry: httpx.AsyncClient,
) -> None:
    group = await register_active(registry)  # a community producer group
    erased = (await registry.post(f"/v1/members/{group['member_id']}/erasure")).json()
    assert erased["name_th"] == group["name_th"]  # a group's name is not a person's
    assert erased["contact"]["name"] == ERASED_TEXT
    refused = await registry.patch(
        f"/v1/members/{group['member_id']}", json={"contact": {"phone": "0811112222"}}
    )
    assert refused.status_code == 409, refused.text
    assert "erased" in refused.json()["detail"]


async def test_erasing_an_unknown_member_is_404(registry: httpx.AsyncClient) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    assert (await registry.post(f"/v1/members/{unknown}/erasure")).status_code == 404
    assert (await registry.get(f"/v1/members/{unknown}/personal-data")).status_code == 404
