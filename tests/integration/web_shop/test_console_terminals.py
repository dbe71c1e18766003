"""Pairing terminals through the console: the key shown once with a QR code that works
against the real sales service; rotating and revoking keys; who sees the controls."""

from __future__ import annotations

import html
import json
import re

import httpx

from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack

PAYLOAD = re.compile(r'<code id="pairing-payload">([^<]+)</code>')


def pairing_of(page: str) -> dict[str, str]:
    found = PAYLOAD.search(page)
    assert found, "the page shows no pairing data"
    payload: dict[str, str] = json.loads(html.unescape(found.group(1)))
    return payload


async def _as_terminal(shop_stack: ShopStack, key: str) -> int:
    """The status the sales service answers a terminal holding `key` (404: no open shift,
    so the key works; 401: refused)."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=shop_stack.sales_app),
        base_url="http://sales",
        headers={"Authorization": f"Bearer {key}"},
    ) as terminal:
        return (await terminal.get("/v1/shifts/current")).status_code


async def test_the_shop_manager_pairs_a_terminal_whose_qr_code_carries_a_working_key(
    shop_stack: ShopStack, console: Console
) -> None:
    manager = await console("shop_manager", "centre")
    listing = await manager.get("/console/shop/terminals")
    assert listing.status_code == 200
    made = await manager.post(
        "/console/shop/terminals",
        data={"csrf_token": csrf_of(listing.text), "name": "เครื่องขาย 1", "location": "shop"},
    )
    assert made.status_code == 200, made.text
    assert made.headers["cache-control"] == "no-store"
    assert "<svg" in made.text and 'class="segno"' in made.text
    assert "แสดงครั้งเดียวเท่านั้น" in made.text
    pairing = pairing_of(made.text)
    assert pairing["sales_url"] == "http://sales"
    assert pairing["key"].startswith("otop_tk_")
    assert await _as_terminal(shop_stack, pairing["key"]) == 404

    shown = (await manager.get("/console/shop/terminals")).text
    assert "เครื่องขาย 1" in shown and pairing["terminal_id"] in shown
    assert pairing["key"] not in shown  # shown once only


async def test_rotating_a_key_then_revoking_the_old_one_leaves_only_the_new_key_working(
    shop_stack: ShopStack, console: Console
) -> None:
    manager = await console("shop_manager", "centre")
    token = csrf_of((await manager.get("/console/shop/terminals")).text)
    first = pairing_of(
        (
            await manager.post(
                "/console/shop/terminals",
                data={"csrf_token": token, "name": "บูธ 2", "location": "shop"},
            )
        ).text
    )
    terminal_id = first["terminal_id"]
    rotated = await manager.post(
        f"/console/shop/terminals/{terminal_id}/keys", data={"csrf_token": token}
    )
    assert rotated.status_code == 200, rotated.text
    second = pairing_of(rotated.text)
    assert second["terminal_id"] == terminal_id and second["key"] != first["key"]
    old_key = re.search(
        rf"/console/shop/terminals/{terminal_id}/keys/([0-9a-f-]+)/revoke", rotated.text
    )
    assert old_key, "the page offers to revoke the old key"
    revoked = await manager.post(
        f"/console/shop/terminals/{terminal_id}/keys/{old_key.group(1)}/revoke",
        data={"csrf_token": token},
    )
    assert revoked.status_code == 303
    assert await _as_terminal(shop_stack, first["key"]) == 401
    assert await _as_terminal(shop_stack, second["key"]) == 404

    retired = await manager.post(
        f"/console/shop/terminals/{terminal_id}/revoke", data={"csrf_token": token}
    )
    assert retired.status_code == 303
    assert await _as_terminal(shop_stack, second["key"]) == 401
    assert "เลิกใช้" in (await manager.get("/console/shop/terminals")).text


async def test_staff_outside_the_shop_see_terminals_without_controls_and_cannot_register(
    console: Console,
) -> None:
    officer = await console("district_officer", "9001")
    listing = await officer.get("/console/shop/terminals")
    assert listing.status_code == 200
    assert 'action="/console/shop/terminals"' not in listing.text
    refused = await officer.post(
        "/console/shop/terminals",
        data={"csrf_token": csrf_of(listing.text), "name": "x", "location": "shop"},
    )
    assert refused.status_code == 403
    assert (await officer.get("/console/shop/revenue")).status_code == 403
    assert (await officer.get("/console/shop/settlements")).status_code == 403


async def test_an_auditor_reads_the_shop_reports_but_gets_no_controls(console: Console) -> None:
    auditor = await console("auditor", None)
    settlements = await auditor.get("/console/shop/settlements")
    assert settlements.status_code == 200, settlements.text
    assert 'id="run-settlement"' not in settlements.text
    assert (await auditor.get("/console/shop/shifts")).status_code == 200
