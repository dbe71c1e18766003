"""Proposing a member's product for the centre shop from its console page, over the real
registry and sales services: an officer of the member's district proposes it and the shop
manager finds it among the proposals; the page shows the shop status (declined with the
reason); an officer of another district sees no form and a forged post is refused; with
the sales service out of reach the page leaves the shop out."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from services.sales.adapters.catalogue import upsert_product
from services.sales.adapters.producers import PostgresProducerRepository
from services.sales.service_layer.member_events import producer_names
from shared.contracts.registry import MemberRegistered, ProductListed
from shared.service.runtime import runtime_of
from tests.integration.registry.helpers import list_product, register
from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack

FORM = 'action="/console/products/{}/shop"'


async def _member_product(shop_stack: ShopStack) -> dict[str, Any]:
    """A product of a member in district 9011 (Hat Yai), known to the sales service as the
    registry's member and product events would make it known."""
    member = await register(shop_stack.registry)
    product = await list_product(shop_stack.registry, member["member_id"])
    member_now = await shop_stack.registry.get(f"/v1/members/{member['member_id']}")
    product_now = await shop_stack.registry.get(f"/v1/products/{product['product_id']}")
    assert member_now.status_code == 200 and product_now.status_code == 200
    async with runtime_of(shop_stack.sales_app).pool.acquire() as conn:
        await PostgresProducerRepository(conn).keep(
            producer_names(MemberRegistered.model_validate(member_now.json()))
        )
        await upsert_product(conn, ProductListed.model_validate(product_now.json()))
    return product


async def test_a_district_officer_proposes_and_the_shop_manager_sees_the_proposal(
    shop_stack: ShopStack, console: Console
) -> None:
    pid = (await _member_product(shop_stack))["product_id"]
    officer = await console("district_officer", "9011")
    page = await officer.get(f"/console/products/{pid}")
    assert page.status_code == 200, page.text
    assert FORM.format(pid) in page.text and "เสนอขายที่ร้านศูนย์" in page.text

    sent = await officer.post(
        f"/console/products/{pid}/shop",
        data={"csrf_token": csrf_of(page.text), "shop_note": "ขายดีในงานกาชาด"},
    )
    assert sent.status_code == 303, sent.text
    after = await officer.get(sent.headers["location"])
    assert after.status_code == 200 and "เสนอขายที่ร้านศูนย์แล้ว" in after.text

    again = await officer.post(
        f"/console/products/{pid}/shop", data={"csrf_token": csrf_of(after.text)}
    )
    assert again.status_code == 409, again.text
    assert 'role="alert"' in again.text and "cannot be proposed again" in again.text

    manager = await console("shop_manager", "centre")
    stock = await manager.get("/console/stock")
    assert stock.status_code == 200, stock.text
    proposals = stock.text.split('id="proposals"')[1].split("</table>")[0]
    assert f'data-product-id="{pid}"' in proposals and "ขายดีในงานกาชาด" in proposals

    shown = await manager.get(f"/console/products/{pid}")
    assert 'data-state="proposed"' in shown.text
    assert FORM.format(pid) not in shown.text  # already proposed: nothing to propose

    declined = await shop_stack.sales.post(
        f"/v1/shop/assortment/{pid}/decline", json={"reason": "บรรจุภัณฑ์ยังไม่พร้อม"}
    )
    assert declined.status_code == 200, declined.text
    shown = await manager.get(f"/console/products/{pid}")
    assert 'data-state="declined"' in shown.text and "บรรจุภัณฑ์ยังไม่พร้อม" in shown.text
    assert FORM.format(pid) in shown.text  # a declined product may be proposed again


async def test_an_officer_of_another_district_sees_no_form_and_a_forged_post_is_refused(
    shop_stack: ShopStack, console: Console
) -> None:
    pid = (await _member_product(shop_stack))["product_id"]
    officer = await console("district_officer", "4001")
    page = await officer.get(f"/console/products/{pid}")
    assert page.status_code == 200, page.text
    assert FORM.format(pid) not in page.text

    forged = await officer.post(
        f"/console/products/{pid}/shop", data={"csrf_token": csrf_of(page.text)}
    )
    assert forged.status_code == 403, forged.text
    unproposed = await shop_stack.sales.get(f"/v1/shop/assortment/{pid}")
    assert unproposed.status_code == 404, unproposed.text

    manager = await console("shop_manager", "centre")
    shown = await manager.get(f"/console/products/{pid}")
    assert 'data-state="none"' in shown.text and FORM.format(pid) in shown.text


class Unreachable(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)


async def test_the_product_page_leaves_the_shop_out_while_sales_cannot_be_reached(
    shop_stack: ShopStack, console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = (await _member_product(shop_stack))["product_id"]
    officer = await console("district_officer", "9011")
    by_host = shop_stack.web.app.state.web.http._transport  # type: ignore[attr-defined]
    monkeypatch.setitem(by_host._transports, "sales", Unreachable())

    page = await officer.get(f"/console/products/{pid}")
    assert page.status_code == 200, page.text
    assert 'id="shop"' not in page.text and FORM.format(pid) not in page.text
    assert 'id="ratings"' in page.text
