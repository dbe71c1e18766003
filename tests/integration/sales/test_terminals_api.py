"""Terminals and their keys: issued once, rotated with two active keys, revoked."""

from __future__ import annotations

import uuid

from shared.service.runtime import runtime_of
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.conftest import client_of
from tests.integration.sales.tills import (
    assert_problem,
    count,
    publish_event,
    register_terminal,
)


async def test_a_terminal_gets_its_key_once_and_only_a_hash_is_kept(sales_app, staff):
    terminal = await register_terminal(staff)
    key = terminal["api_key"]
    assert key.startswith("otop_tk_") and len(key) >= 30
    shown = await staff.get(f"/v1/terminals/{terminal['terminal_id']}")
    assert shown.status_code == 200
    assert key not in shown.text
    assert shown.json()["keys"][0]["hint"].endswith(key[-4:])
    async with runtime_of(sales_app).pool.acquire() as conn:
        stored = await conn.fetchval("SELECT key_hash FROM terminal_keys")
        texts = await conn.fetchval("SELECT string_agg(t::text, '') FROM terminal_keys t")
    assert len(stored) == 32 and key not in texts
    async with client_of(sales_app, key) as till:
        assert (await till.post("/v1/shifts", json={"opening_float": "0.00"})).status_code == 201


async def test_keys_rotate_without_downtime_and_a_revoked_key_is_refused(sales_app, staff):
    terminal = await register_terminal(staff)
    tid = terminal["terminal_id"]
    old_key = terminal["api_key"]
    old_key_id = terminal["keys"][0]["key_id"]
    second = await staff.post(f"/v1/terminals/{tid}/keys")
    assert second.status_code == 201, second.text
    new_key = second.json()["api_key"]
    third = await staff.post(f"/v1/terminals/{tid}/keys")
    assert_problem(third, 409, "2 active keys")
    async with client_of(sales_app, old_key) as old, client_of(sales_app, new_key) as new:
        assert (await old.get("/v1/shifts/current")).status_code == 404  # authenticated
        assert (await new.get("/v1/shifts/current")).status_code == 404
        revoked = await staff.post(f"/v1/terminals/{tid}/keys/{old_key_id}/revoke")
        assert revoked.status_code == 200 and revoked.json()["active"] is False
        assert_problem(await old.get("/v1/shifts/current"), 401, "revoked")
        assert (await new.get("/v1/shifts/current")).status_code == 404
    # With the old key revoked there is room for the next rotation.
    assert (await staff.post(f"/v1/terminals/{tid}/keys")).status_code == 201


async def test_a_mistyped_or_missing_key_is_refused(sales_app, staff):
    key = (await register_terminal(staff))["api_key"]
    typo = key[:-3] + ("x" if key[-3] != "x" else "y") + key[-2:]
    async with client_of(sales_app, typo) as mistyped, client_of(sales_app) as anonymous:
        assert_problem(await mistyped.get("/v1/shifts/current"), 401, "typo")
        assert_problem(await anonymous.get("/v1/shifts/current"), 401)
    async with client_of(sales_app, ADMIN_TOKEN) as admin:
        assert_problem(await admin.get("/v1/shifts/current"), 403)
    async with client_of(sales_app, key) as till:
        assert_problem(await till.get("/v1/terminals"), 403)


async def test_a_booth_terminal_needs_a_published_showcase_event(sales_app, staff):
    unknown = await staff.post(
        "/v1/terminals", json={"name": "บูธ", "location": "booth", "event_id": str(uuid.uuid4())}
    )
    assert_problem(unknown, 422, "not known")
    cancelled = uuid.uuid4()
    await publish_event(sales_app, cancelled, status="cancelled")
    response = await staff.post(
        "/v1/terminals", json={"name": "บูธ", "location": "booth", "event_id": str(cancelled)}
    )
    assert_problem(response, 422, "cancelled")
    assert_problem(await staff.post("/v1/terminals", json={"name": "บูธ", "location": "booth"}), 422)
    assert await count(sales_app, "SELECT count(*) FROM terminals") == 0
    published = uuid.uuid4()
    await publish_event(sales_app, published)
    booth = await register_terminal(staff, "booth", published)
    assert booth["event_id"] == str(published) and booth["name"] == "เครื่องขาย 1"
    listed = await staff.get("/v1/terminals")
    assert [t["terminal_id"] for t in listed.json()["items"]] == [booth["terminal_id"]]
