"""The console shows an order whose customer's data was erased after its retention time as
such (no empty name), and a cancelled paid order with what the customer is paid back."""

from __future__ import annotations

import uuid

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.service_layer.handlers.orders_privacy import erase_order_contacts
from services.sales.service_layer.orders_commands import EraseOrderContacts
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.conftest import client_of
from tests.integration.sales.orders_calls import order_body, place
from tests.integration.sales.tills import list_product
from tests.integration.web_shop.conftest import Console, ShopStack


async def test_a_manager_sees_an_erased_customer_and_the_amount_paid_back(
    shop_stack: ShopStack, console: Console
) -> None:
    app = shop_stack.sales_app
    chips = await list_product(app, "SK-CP1", "100.00", stock=10)
    async with client_of(app) as customer, client_of(app, ADMIN_TOKEN) as staff:
        placed = await place(
            customer, order_body([(chips.product_id, 1)], fulfilment="post", phone="0819990001")
        )
        path = f"/v1/shop/orders/{placed['order_id']}"
        assert (await staff.post(f"{path}/payment", json={"amount": "150.00"})).status_code == 200
        assert (await staff.post(f"{path}/cancel", json={"reason": "ลูกค้าขอ"})).status_code == 200
    pool = runtime_of(app).pool
    async with pool.acquire() as conn:
        await conn.execute(
            "UPDATE orders SET cancelled_at = now() - interval '91 days' WHERE order_id = $1",
            uuid.UUID(placed["order_id"]),
        )
    erase = EraseOrderContacts(now=now_bangkok(), after_end_days=90, after_placing_days=365)
    assert len(await erase_order_contacts(erase, PostgresOrdersUnitOfWork(pool))) == 1
    manager = await console("shop_manager", "centre")
    page = await manager.get(f"/console/orders/{placed['order_id']}")
    assert page.status_code == 200, page.text
    assert "ลบแล้วตามระยะเวลาเก็บรักษา" in page.text and "0819990001" not in page.text
    assert "สมศรี" not in page.text and "None" not in page.text
    assert "คืนเงินลูกค้า 150.00 บาท" in page.text
    listed = await manager.get("/console/orders", params={"state": "cancelled"})
    assert "ลบข้อมูลแล้ว" in listed.text and "None" not in listed.text
