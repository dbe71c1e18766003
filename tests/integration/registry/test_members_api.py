"""The members API over HTTP, against the real app, Postgres and broker."""

from __future__ import annotations

import uuid
from datetime import datetime

import httpx
import pytest

from tests.integration.registry.helpers import (
    SITES,
    assert_problem,
    change_status,
    register,
)
from tests.integration.registry.payloads import member_payload

# Tone marks, sara am both precomposed (ำ) and spelt nikhahit + sara aa (ํา), mai yamok (ๆ),
# thanthakhat (์) and Thai digits: none of it may be normalised on the way.
THAI_NAME = "กลุ่มแม่บ้านทำขนมไทยเล็กๆ น้อยๆ บ้านน้ำกระจาย น้\u0e4d\u0e32ใส ๒๕๖๙ (ผ้าไหมมัดหมี่ก่ำ์)"


async def test_a_registered_member_is_pending_at_version_one_with_its_site_resolved(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.post("/v1/members", json=member_payload())

    assert response.status_code == 201, response.text
    member = response.json()
    assert response.headers["Location"] == f"/v1/members/{member['member_id']}"
    assert member["status"] == "pending"
    assert member["version"] == 1
    assert member["site"] == {
        "address_line": "99 หมู่ 3",
        "subdistrict_code": "901103",
        "district_code": "9011",
        "province_code": "90",
        "postal_code": "90110",
        "subdistrict_name_th": "คูเต่า",
        "district_name_th": "หาดใหญ่",
        "province_name_th": "สงขลา",
    }
    assert datetime.fromisoformat(member["registered_at"]).utcoffset() is not None


async def test_a_registered_member_reads_back_exactly_as_registered(
    registry: httpx.AsyncClient,
) -> None:
    created = await register(registry)

    got = await registry.get(f"/v1/members/{created['member_id']}")

    assert got.status_code == 200
    assert got.json() == created
    assert datetime.fromisoformat(got.json()["registered_at"]).utcoffset().total_seconds() == (
        7 * 3600
    )


async def test_thai_text_round_trips_byte_exact(registry: httpx.AsyncClient) -> None:
    contact = {"name": "นางสาวน้ำฝน ใจดี๋", "phone": "+66812345678"}
    created = await register(
        registry, name_th=THAI_NAME, contact=contact, site={**SITES["mukdahan"]}
    )

    got = await registry.get(f"/v1/members/{created['member_id']}")

    body = got.json()
    assert body["name_th"] == THAI_NAME
    assert body["name_th"].encode("utf-8") == THAI_NAME.encode("utf-8")
    assert body["contact"]["name"] == "นางสาวน้ำฝน ใจดี๋"
    assert body["site"]["address_line"] == SITES["mukdahan"]["address_line"]
    assert THAI_NAME.encode("utf-8") in got.content
    listed = await registry.get("/v1/members", params={"q": "น้\u0e4d\u0e32ใส"})
    assert [m["member_id"] for m in listed.json()["items"]] == [created["member_id"]]
    assert (await registry.get("/v1/members", params={"q": "น้ำใส"})).json()["items"] == []


async def test_a_contact_phone_is_stored_in_a_compact_form(registry: httpx.AsyncClient) -> None:
    created = await register(registry, contact={"name": "นายสมชาย ขยันดี", "phone": "081-234 5678"})
    assert created["contact"]["phone"] == "0812345678"


async def test_an_update_bumps_the_version_and_is_visible_on_read(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)

    response = await registry.patch(
        f"/v1/members/{member['member_id']}",
        json={"name_en": "Khu Tao Women's Food Group", "site": SITES["mueang_songkhla"]},
    )

    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["version"] == 2
    assert updated["name_en"] == "Khu Tao Women's Food Group"
    assert updated["site"]["district_name_th"] == "เมืองสงขลา"
    assert updated["name_th"] == member["name_th"]
    got = (await registry.get(f"/v1/members/{member['member_id']}")).json()
    assert got == updated


async def test_an_update_that_changes_nothing_keeps_the_version(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    payload = member_payload()

    response = await registry.patch(
        f"/v1/members/{member['member_id']}",
        json={"name_th": payload["name_th"], "contact": payload["contact"]},
    )

    assert response.status_code == 200, response.text
    assert response.json()["version"] == 1
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json()["version"] == 1


async def test_a_member_moves_through_its_statuses(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    member_id = member["member_id"]

    steps = [("active", 2), ("suspended", 3), ("active", 4), ("withdrawn", 5)]
    for status, version in steps:
        response = await change_status(registry, member_id, status, reason="มติที่ประชุม")
        assert response.status_code == 200, response.text
        assert (response.json()["status"], response.json()["version"]) == (status, version)

    got = (await registry.get(f"/v1/members/{member_id}")).json()
    assert (got["status"], got["version"]) == ("withdrawn", 5)


async def test_a_withdrawn_member_cannot_come_back_and_the_problem_says_why(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    assert (await change_status(registry, member["member_id"], "withdrawn")).status_code == 200

    response = await change_status(registry, member["member_id"], "active")

    problem = assert_problem(response, 409, "final")
    assert problem["type"].endswith("invalid-transition")
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json()["status"] == (
        "withdrawn"
    )


@pytest.mark.parametrize(("start", "target"), [("pending", "pending"), ("pending", "suspended")])
async def test_an_invalid_status_transition_is_a_409_problem(
    registry: httpx.AsyncClient, start: str, target: str
) -> None:
    member = await register(registry)
    assert member["status"] == start

    response = await change_status(registry, member["member_id"], target)

    assert_problem(response, 409, target)


async def test_an_unknown_status_is_a_422_problem(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    response = await change_status(registry, member["member_id"], "expelled")
    assert_problem(response, 422, "status")


async def test_a_withdrawn_member_cannot_be_updated(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    await change_status(registry, member["member_id"], "withdrawn")

    response = await registry.patch(
        f"/v1/members/{member['member_id']}", json={"name_en": "New name"}
    )

    assert_problem(response, 409, "withdrawn")


async def test_a_correlation_id_sent_is_echoed_back(registry: httpx.AsyncClient) -> None:
    correlation = str(uuid.uuid4())
    response = await registry.post(
        "/v1/members", json=member_payload(), headers={"X-Correlation-ID": correlation}
    )
    assert response.headers["X-Correlation-ID"] == correlation
