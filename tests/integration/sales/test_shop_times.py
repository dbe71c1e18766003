"""The shop's answers and events tell every moment in Bangkok time (+07:00), the same instant
the request gave or the database keeps, like the rest of the sales service."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.integration.sales.orders_calls import customer, events_of, order_body, place
from tests.integration.sales.tills import list_product

BANGKOK_OFFSET = "+07:00"


def _bangkok(value: Any) -> datetime:
    """The moment an answer tells, checked to be told in Bangkok time."""
    assert isinstance(value, str) and value.endswith(BANGKOK_OFFSET), value
    return datetime.fromisoformat(value)


async def test_notes_answer_their_times_in_bangkok_time_at_the_instant_given(
    sales_app, staff, producer
):
    product = await list_product(sales_app, "SK-TZ-1", "30.00", producer, stock=None)
    pid = str(product.product_id)
    assert (await staff.post("/v1/shop/assortment", json={"product_id": pid})).status_code == 201
    approved = await staff.post(f"/v1/shop/assortment/{pid}/approve", json={"low_stock_at": 1})
    assert approved.status_code == 200, approved.text
    delivered = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    best = str(date.today() + timedelta(days=100))
    body = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "delivered_by": "นางสมศรี ใจดี",
        "occurred_at": delivered.isoformat().replace("+00:00", "Z"),
        "lines": [{"product_id": pid, "quantity": 3, "lot_code": "TZ1", "best_before": best}],
    }
    made = await staff.post("/v1/shop/consignments", json=body)
    assert made.status_code == 201, made.text
    assert _bangkok(made.json()["occurred_at"]) == delivered
    _bangkok(made.json()["created_at"])
    replayed = (await staff.post("/v1/shop/consignments", json=body)).json()
    assert _bangkok(replayed["occurred_at"]) == delivered
    one = (await staff.get(f"/v1/shop/consignments/{body['note_id']}")).json()
    assert _bangkok(one["occurred_at"]) == delivered
    listed = await staff.get("/v1/shop/consignments", params={"producer_id": str(producer)})
    [item] = listed.json()["items"]
    assert _bangkok(item["occurred_at"]) == delivered
    _bangkok(item["created_at"])
    [event] = await events_of(sales_app, "consignment.received", str(producer))
    assert _bangkok(event["data"]["occurred_at"]) == delivered
    back = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "collected_by": "นายสมชาย",
        "reason": "damaged",
        "lines": [{"product_id": pid, "quantity": 1, "lot_code": "TZ1"}],
    }
    returned = await staff.post("/v1/shop/returns", json=back)
    assert returned.status_code == 201, returned.text
    _bangkok(returned.json()["occurred_at"])
    assortment = (await staff.get("/v1/shop/assortment")).json()["items"]
    [mine] = [a for a in assortment if a["product_id"] == pid]
    _bangkok(mine["proposed_at"])
    _bangkok(mine["decided_at"])


async def test_an_order_answers_its_times_in_bangkok_time_to_customer_and_staff(sales_app, staff):
    chips = await list_product(sales_app, "SK-TZ-2", "50.00", stock=10)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 1)]))
        code = {"X-Order-Code": placed["access_code"]}
        seen = await client.get(f"/v1/public/shop/orders/{placed['order_id']}", headers=code)
    placed_at = _bangkok(placed["placed_at"])
    assert _bangkok(placed["expires_at"]) > placed_at
    assert _bangkok(seen.json()["placed_at"]) == placed_at
    path = f"/v1/shop/orders/{placed['order_id']}"
    paid = await staff.post(f"{path}/payment", json={"amount": "50.00", "reference": "TZ"})
    assert paid.status_code == 200, paid.text
    assert _bangkok(paid.json()["placed_at"]) == placed_at
    assert _bangkok(paid.json()["paid_at"]) >= placed_at
    packed = (await staff.post(f"{path}/pack")).json()
    _bangkok(packed["packed_at"])
    listed = (await staff.get("/v1/shop/orders", params={"q": placed["number"]})).json()
    [item] = listed["items"]
    assert _bangkok(item["placed_at"]) == placed_at
    [event] = await events_of(sales_app, "order.placed", placed["order_id"])
    assert _bangkok(event["data"]["occurred_at"]) == placed_at
