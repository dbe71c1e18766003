"""`stock.low` is told once when a product's units available fall to its threshold, whatever
lowered them (a till's sale, a paid online order, a return to the producer, a count), and
again only after the product was restocked above it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from tests.integration.sales.orders_calls import customer, events_of, order_body, place
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body


async def _told(app: FastAPI, product_id: uuid.UUID) -> list[dict[str, Any]]:
    return [
        e["data"]
        for e in await events_of(app, "stock.low")
        if e["data"]["product_id"] == str(product_id)
    ]


async def _lot_of(staff: httpx.AsyncClient, producer: uuid.UUID, product_id: uuid.UUID) -> str:
    found = await staff.get("/v1/shop/stock", params={"producer_id": str(producer)})
    assert found.status_code == 200, found.text
    [item] = [i for i in found.json()["items"] if i["product_id"] == str(product_id)]
    code: str = item["lots"][0]["lot_code"]
    return code


async def test_a_paid_online_order_tells_the_producer_once_the_stock_runs_low(
    sales_app: FastAPI, staff: httpx.AsyncClient, producer: uuid.UUID
) -> None:
    chips = await list_product(sales_app, "SK-LOW-O1", "45.00", producer, stock=6)
    async with customer(sales_app) as client:
        first = await place(client, order_body([(chips.product_id, 3)]))
        second = await place(client, order_body([(chips.product_id, 1)], phone="0899999999"))
    assert await _told(sales_app, chips.product_id) == [], "held units are not sold yet"
    paid = await staff.post(
        f"/v1/shop/orders/{first['order_id']}/payment", json={"amount": first["total"]}
    )
    assert paid.status_code == 200, paid.text
    [told] = await _told(sales_app, chips.product_id)
    assert (told["available"], told["threshold"]) == (2, 3)
    assert told["producer_id"] == str(producer) and told["name_th"]
    again = await staff.post(
        f"/v1/shop/orders/{second['order_id']}/payment", json={"amount": second["total"]}
    )
    assert again.status_code == 200, again.text
    assert len(await _told(sales_app, chips.product_id)) == 1, "told once until restocked"


async def test_a_till_sale_a_return_and_a_count_each_tell_once_until_restocked(
    sales_app: FastAPI, staff: httpx.AsyncClient, producer: uuid.UUID
) -> None:
    sold = await list_product(sales_app, "SK-LOW-T1", "40.00", producer, stock=5)
    returned = await list_product(sales_app, "SK-LOW-R1", "40.00", producer, stock=5)
    counted = await list_product(sales_app, "SK-LOW-C1", "40.00", producer, stock=5)
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        for _ in range(2):
            made = await till.sell(sale_body([("SK-LOW-T1", 1, "40.00")], [("cash", "40.00")]))
            assert made.status_code == 201, made.text
    assert [t["available"] for t in await _told(sales_app, sold.product_id)] == [3]

    back = {
        "producer_id": str(producer),
        "collected_by": "นายสมชาย",
        "reason": "unsold",
        "lines": [{"product_id": str(returned.product_id), "quantity": 2}],
    }
    for _ in range(2):
        made = await staff.post("/v1/shop/returns", json={**back, "note_id": str(uuid.uuid4())})
        assert made.status_code == 201, made.text
    assert [t["available"] for t in await _told(sales_app, returned.product_id)] == [3]

    lot = await _lot_of(staff, producer, counted.product_id)

    async def count_to(n: int, code: str = lot) -> None:
        made = await staff.post(
            "/v1/shop/stock-counts",
            json={
                "count_id": str(uuid.uuid4()),
                "product_id": str(counted.product_id),
                "lines": [{"lot_code": code, "counted": n}],
                "reason": "นับสิ้นเดือน",
            },
        )
        assert made.status_code == 201, made.text

    await count_to(4)
    assert await _told(sales_app, counted.product_id) == [], "4 is still above 3"
    await count_to(2)
    await count_to(1)
    assert [t["available"] for t in await _told(sales_app, counted.product_id)] == [2]
    delivered = await staff.post(
        "/v1/shop/consignments",
        json={
            "note_id": str(uuid.uuid4()),
            "producer_id": str(producer),
            "delivered_by": "นางสมศรี ใจดี",
            "lines": [
                {
                    "product_id": str(counted.product_id),
                    "quantity": 9,
                    "lot_code": "L-NEW",
                    "best_before": str(date.today() + timedelta(days=60)),
                }
            ],
        },
    )
    assert delivered.status_code == 201, delivered.text
    await count_to(1, "L-NEW")
    told = [t["available"] for t in await _told(sales_app, counted.product_id)]
    assert told == [2, 2], "restocked above the threshold, then told again"
