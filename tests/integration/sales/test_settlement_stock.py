"""A settlement shows its producer's consignment stock beside the payout: delivered, sold,
refunded, returned and on hand when the period ended, adding up."""

from __future__ import annotations

import uuid

from tests.integration.sales.stocking import approve_and_stock
from tests.integration.sales.test_settlements import at, last_month
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body


async def test_a_settlement_shows_the_producers_stock_over_its_period(sales_app, staff, producer):
    start, end = last_month()
    product = await list_product(sales_app, "SK-SS-1", "40.00", producer, stock=None)
    await approve_and_stock(sales_app, product.product_id, producer, 20, received_at=at(start, 9))
    other = await list_product(sales_app, "SK-SS-2", "10.00", uuid.uuid4())
    async with Till(sales_app, await register_terminal(staff)) as till:
        backlog = [
            sale_body([("SK-SS-1", 2, "40.00")], [("cash", "80.00")], occurred_at=at(start)),
            sale_body([("SK-SS-1", 3, "40.00")], [("cash", "120.00")], occurred_at=at(end)),
            sale_body([("SK-SS-2", 1, "10.00")], [("cash", "10.00")], occurred_at=at(end)),
        ]
        uploaded = await till.batch(backlog)
        assert uploaded.json()["recorded"] == 3, uploaded.text
        await till.open_shift()
        # Sold after the period: not in it, nor in its closing stock.
        now = await till.sell(sale_body([("SK-SS-1", 1, "40.00")], [("cash", "40.00")]))
        assert now.status_code == 201, now.text
    issued = await staff.post(
        "/v1/settlements", json={"period_start": str(start), "period_end": str(end)}
    )
    assert issued.status_code == 200, issued.text
    [mine] = [s for s in issued.json()["issued"] if s["producer_id"] == str(producer)]
    statement = await staff.get(f"/v1/settlements/{mine['settlement_id']}")
    assert statement.status_code == 200, statement.text
    stock = statement.json()["stock"]
    assert (stock["opening"], stock["delivered"], stock["sold"], stock["on_hand"]) == (0, 20, 5, 15)
    [line] = stock["products"]
    assert line["product_id"] == str(product.product_id) and line["sku"] == "SK-SS-1"
    assert other.member_id != producer
