"""The terminal's catalogue and the shop's stock: a shop terminal lists only the products the
shop's committee approved (and the registry lists), each with the units left to sell, read
afresh after every sale; a booth terminal lists every listed product, with no stock."""

from __future__ import annotations

import uuid
from typing import Any

from shared.contracts.registry import ProductStatus
from shared.service.runtime import runtime_of
from tests.integration.sales.tills import (
    Till,
    list_product,
    publish_event,
    register_terminal,
    sale_body,
)

DECLINE = "UPDATE assortment SET state = 'declined', reason = 'ซ้ำกับที่มีอยู่' WHERE product_id = $1"
RESERVE = "UPDATE stock_on_hand SET reserved = $2 WHERE product_id = $1"


async def _execute(app: Any, sql: str, *args: Any) -> None:
    async with runtime_of(app).pool.acquire() as conn:
        await conn.execute(sql, *args)


async def _catalogue(till: Till) -> dict[str, dict[str, Any]]:
    answer = await till.client.get("/v1/terminal/catalogue")
    assert answer.status_code == 200, answer.text
    assert "no-cache" in answer.headers["cache-control"]
    return {p["sku"]: p for p in answer.json()["products"]}


async def test_a_shop_terminal_lists_only_approved_products_with_what_is_left_of_each(
    sales_app, staff
):
    stocked = await list_product(sales_app, "SHOP-STOCKED", "45.00", stock=5)
    await list_product(sales_app, "SHOP-NEVER-DELIVERED", "30.00", stock=0)
    held = await list_product(sales_app, "SHOP-ALL-HELD", "60.00", stock=2)
    await _execute(sales_app, RESERVE, held.product_id, 3)  # orders hold more than is here
    await list_product(sales_app, "NOT-PROPOSED", "20.00", stock=None)
    declined = await list_product(sales_app, "DECLINED", "25.00", stock=0)
    await _execute(sales_app, DECLINE, declined.product_id)
    await list_product(
        sales_app, "APPROVED-DELISTED", "50.00", status=ProductStatus.DELISTED, stock=4
    )

    async with Till(sales_app, await register_terminal(staff, "shop")) as till:
        shown = await _catalogue(till)
        assert {sku: p["available"] for sku, p in shown.items()} == {
            "SHOP-STOCKED": 5,
            "SHOP-NEVER-DELIVERED": 0,
            "SHOP-ALL-HELD": 0,
        }
        assert shown["SHOP-STOCKED"]["product_id"] == str(stocked.product_id)
        assert shown["SHOP-STOCKED"]["price"] == "45.00"

        await till.open_shift()
        sold = await till.sell(sale_body([("SHOP-STOCKED", 2, "45.00")], [("cash", "90.00")]))
        assert sold.status_code == 201, sold.text
        assert (await _catalogue(till))["SHOP-STOCKED"]["available"] == 3


async def test_a_booth_terminal_lists_every_listed_product_without_stock(sales_app, staff):
    await list_product(sales_app, "BOOTH-APPROVED", "45.00", stock=5)
    await list_product(sales_app, "BOOTH-NOT-PROPOSED", "20.00", stock=None)
    await list_product(sales_app, "BOOTH-DELISTED", "50.00", status=ProductStatus.DELISTED)
    event_id = uuid.uuid4()
    await publish_event(sales_app, event_id)

    async with Till(sales_app, await register_terminal(staff, "booth", event_id)) as booth:
        shown = await _catalogue(booth)
    assert set(shown) == {"BOOTH-APPROVED", "BOOTH-NOT-PROPOSED"}
    assert all(p["available"] is None for p in shown.values())
