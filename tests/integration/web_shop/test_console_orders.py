"""Online orders in the console: the list by state, an order with its customer, lines,
totals and PromptPay QR code, and the buttons its state allows; an auditor reads only."""

from __future__ import annotations

import re

from tests.integration.sales.conftest import client_of
from tests.integration.sales.orders_calls import order_body, place
from tests.integration.sales.tills import list_product
from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack


async def test_a_manager_sees_an_order_with_its_customer_and_moves_it_on(
    shop_stack: ShopStack, console: Console
) -> None:
    chips = await list_product(shop_stack.sales_app, "SK-CO1", "45.00", stock=10)
    async with client_of(shop_stack.sales_app) as customer:
        placed = await place(customer, order_body([(chips.product_id, 2)]))
    manager = await console("shop_manager", "centre")
    listed = await manager.get("/console/orders", params={"state": "placed"})
    assert listed.status_code == 200, listed.text
    assert f'data-order-id="{placed["order_id"]}"' in listed.text
    assert "90.00 บาท" in listed.text and "สมศรี ใจดี" in listed.text

    page = await manager.get(f"/console/orders/{placed['order_id']}")
    assert page.status_code == 200, page.text
    assert placed["number"] in page.text and "0812345678" in page.text
    assert "<svg" in page.text  # the PromptPay QR code
    assert "ยืนยันการชำระเงิน" in page.text and "แพ็กสินค้าแล้ว" not in page.text

    wrong = await manager.post(
        f"/console/orders/{placed['order_id']}/payment",
        data={"csrf_token": csrf_of(page.text), "amount": "89.00"},
    )
    assert wrong.status_code == 409 and 'role="alert"' in wrong.text
    paid = await manager.post(
        f"/console/orders/{placed['order_id']}/payment",
        data={"csrf_token": csrf_of(page.text), "amount": "90.00", "reference": "KBANK-1"},
    )
    assert paid.status_code == 303, paid.text
    after = await manager.get(f"/console/orders/{placed['order_id']}")
    assert "ชำระแล้ว" in after.text and "แพ็กสินค้าแล้ว" in after.text
    assert "ยืนยันการชำระเงิน" not in after.text


async def test_an_auditor_reads_orders_without_any_control(
    shop_stack: ShopStack, console: Console
) -> None:
    chips = await list_product(shop_stack.sales_app, "SK-CO2", "45.00", stock=10)
    async with client_of(shop_stack.sales_app) as customer:
        placed = await place(customer, order_body([(chips.product_id, 1)]))
    auditor = await console("auditor", None)
    page = await auditor.get(f"/console/orders/{placed['order_id']}")
    assert page.status_code == 200, page.text
    assert not re.search(r'<form method="post" action="/console/orders/', page.text)
    officer = await console("district_officer", "4001")
    assert (await officer.get("/console/orders")).status_code == 403
