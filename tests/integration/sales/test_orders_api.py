"""Online orders over HTTP: placing holds stock (all lines or none), the customer's view with
the access code, refusals and limits, and staff moving an order through its states."""

from __future__ import annotations

import uuid

from tests.integration.sales.orders_calls import (
    customer,
    events_of,
    order_body,
    place,
    reserved,
)
from tests.integration.sales.tills import assert_problem, list_product


async def test_placing_an_order_holds_its_units_and_tells_the_price_and_how_to_pay(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-OL1", "45.00", stock=10)
    tea = await list_product(sales_app, "SK-OL2", "120.50", stock=5)
    body = order_body([(chips.product_id, 2), (tea.product_id, 1)], fulfilment="post")
    async with customer(sales_app) as client:
        placed = await place(client, body)
    assert placed["state"] == "placed" and placed["number"].startswith("OL-25")
    assert (placed["subtotal"], placed["shipping_fee"], placed["total"]) == (
        "210.50",
        "70.00",
        "280.50",
    )
    assert placed["promptpay"]["amount"] == "280.50"
    assert "5406280.50" in placed["promptpay"]["payload"]
    assert placed["access_code"] and placed["expires_at"]
    assert await reserved(sales_app, chips.product_id) == (10, 2)
    assert await reserved(sales_app, tea.product_id) == (5, 1)
    [event] = await events_of(sales_app, "order.placed", body["order_id"])
    assert event["data"]["customer"]["phone"] == "0812345678"
    assert event["data"]["total"] == "280.50"


async def test_a_retried_order_is_a_replay_told_the_same_code_and_another_body_is_refused(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-OL3", "10.00", stock=10)
    body = order_body([(chips.product_id, 3)])
    async with customer(sales_app) as client:
        first = await place(client, body)
        again = await client.post("/v1/public/shop/orders", json=body)
        assert again.status_code == 200, again.text
        assert again.json()["number"] == first["number"]
        assert again.json()["access_code"] == first["access_code"]
        seen = await client.get(
            f"/v1/public/shop/orders/{body['order_id']}",
            headers={"X-Order-Code": again.json()["access_code"]},
        )
        assert seen.status_code == 200 and seen.json()["number"] == first["number"]
        other = order_body([(chips.product_id, 4)], order_id=uuid.UUID(body["order_id"]))
        assert_problem(await client.post("/v1/public/shop/orders", json=other), 409)
    assert await reserved(sales_app, chips.product_id) == (10, 3)


async def test_the_customer_reads_and_cancels_the_order_only_with_its_code(sales_app, staff):
    chips = await list_product(sales_app, "SK-OL4", "10.00", stock=4)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 4)]))
        path = f"/v1/public/shop/orders/{placed['order_id']}"
        assert_problem(await client.get(path), 404)
        assert_problem(await client.get(path, headers={"X-Order-Code": "guess"}), 404)
        code = {"X-Order-Code": placed["access_code"]}
        seen = await client.get(path, headers=code)
        assert seen.status_code == 200 and seen.json()["total"] == "40.00"
        assert "customer" not in seen.json()
        assert_problem(await client.post(f"{path}/cancel", json={}), 404)
        cancelled = await client.post(f"{path}/cancel", json={"reason": "สั่งผิด"}, headers=code)
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["state"] == "cancelled"
        assert_problem(await client.post(f"{path}/cancel", json={}, headers=code), 409)
    assert await reserved(sales_app, chips.product_id) == (4, 0)
    [event] = await events_of(sales_app, "order.cancelled", placed["order_id"])
    assert "customer" not in event["data"] and event["data"]["refunded"] is False


async def test_an_order_short_of_stock_holds_nothing_and_names_the_products(sales_app, staff):
    plenty = await list_product(sales_app, "SK-OL5", "10.00", stock=50)
    scarce = await list_product(sales_app, "SK-OL6", "10.00", stock=1)
    body = order_body([(plenty.product_id, 5), (scarce.product_id, 2)])
    async with customer(sales_app) as client:
        refused = await client.post("/v1/public/shop/orders", json=body)
    problem = assert_problem(refused, 409, "ข้าวเกรียบปลา")
    assert problem["type"].endswith("out-of-stock")
    assert [p["product_id"] for p in problem["products"]] == [str(scarce.product_id)]
    assert problem["products"][0]["available"] == 1
    assert await reserved(sales_app, plenty.product_id) == (50, 0)
    assert await reserved(sales_app, scarce.product_id) == (1, 0)


async def test_products_the_shop_does_not_sell_are_refused(sales_app, staff):
    unapproved = await list_product(sales_app, "SK-OL7", "10.00", stock=None)
    async with customer(sales_app) as client:
        refused = await client.post(
            "/v1/public/shop/orders", json=order_body([(unapproved.product_id, 1)])
        )
        unknown = await client.post("/v1/public/shop/orders", json=order_body([(uuid.uuid4(), 1)]))
    assert assert_problem(refused, 409)["type"].endswith("not-in-assortment")
    assert assert_problem(unknown, 409)["type"].endswith("not-in-assortment")


async def test_limits_per_line_per_order_and_per_contact_answer_429(sales_app, staff):
    chips = await list_product(sales_app, "SK-OL8", "10.00", stock=1000)
    many = [await list_product(sales_app, f"SK-OLM{i}", "1.00", stock=5) for i in range(21)]
    async with customer(sales_app) as client:
        too_many_units = await client.post(
            "/v1/public/shop/orders", json=order_body([(chips.product_id, 11)])
        )
        too_many_lines = await client.post(
            "/v1/public/shop/orders", json=order_body([(p.product_id, 1) for p in many])
        )
        for _ in range(3):
            await place(client, order_body([(chips.product_id, 1)], email="Buyer@example.com"))
        fourth = await client.post(
            "/v1/public/shop/orders",
            json=order_body([(chips.product_id, 1)], phone=None, email="buyer@EXAMPLE.com"),
        )
        same_phone = await client.post(
            "/v1/public/shop/orders",
            json=order_body([(chips.product_id, 1)], phone="+66 81 234 5678"),
        )
    for response, limit in (
        (too_many_units, "units_per_line"),
        (too_many_lines, "lines"),
        (fourth, "unpaid_per_contact"),
        (same_phone, "unpaid_per_contact"),
    ):
        assert assert_problem(response, 429)["limit"] == limit
    assert await reserved(sales_app, chips.product_id) == (1000, 3)


async def test_bad_orders_are_refused_422_with_a_problem(sales_app, staff):
    chips = await list_product(sales_app, "SK-OL9", "10.00", stock=10)
    good = order_body([(chips.product_id, 1)])
    bad = [
        {**good, "customer": {"name": "ไม่มีช่องทางติดต่อ"}},
        {**good, "customer": {"name": "x", "phone": "not a phone"}},
        {**good, "customer": {"name": "x", "email": "nobody"}},
        {**good, "fulfilment": "post"},  # no address
        {**good, "fulfilment": "drone"},
        {**good, "lines": []},
        {**good, "lines": [{"product_id": str(chips.product_id), "quantity": 0}]},
        {**good, "lines": [{"product_id": "not-a-uuid", "quantity": 1}]},
        {**good, "lines": good["lines"] * 2},
        {**good, "order_id": "nope"},
        {**good, "note": "\x00"},
        {**good, "surprise": True},
    ]
    async with customer(sales_app) as client:
        for body in bad:
            assert_problem(await client.post("/v1/public/shop/orders", json=body), 422)
        assert_problem(await client.post("/v1/public/shop/orders", content=b"{"), 422)
        assert_problem(await client.get("/v1/public/shop/orders/not-an-id"), 422)
    assert await reserved(sales_app, chips.product_id) == (10, 0)


async def test_the_shipping_table_is_public(sales_app):
    async with customer(sales_app) as client:
        table = (await client.get("/v1/public/shop/shipping")).json()
    assert table["post"]["first_item"] == "50.00"
    assert table["post"]["each_further_item"] == "10.00"
    assert table["post"]["free_from"] == "1500.00"
    assert table["limits"]["unpaid_orders_per_contact"] == 3


async def test_staff_move_a_post_order_through_its_states_and_refuse_wrong_ones(sales_app, staff):
    chips = await list_product(sales_app, "SK-OL10", "800.00", stock=10)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 2)], fulfilment="post"))
    assert placed["shipping_fee"] == "0.00"  # free from 1,500.00
    path = f"/v1/shop/orders/{placed['order_id']}"
    premature = assert_problem(await staff.post(f"{path}/pack"), 409)
    assert premature["state"] == "placed" and premature["type"].endswith("order-state")
    short = await staff.post(f"{path}/payment", json={"amount": "1599.99"})
    assert_problem(short, 409)
    paid = await staff.post(f"{path}/payment", json={"amount": "1600.00", "reference": "TX1"})
    assert paid.status_code == 200, paid.text
    assert paid.json()["state"] == "paid" and paid.json()["sale_id"]
    assert (await staff.post(f"{path}/pack")).json()["state"] == "packed"
    assert_problem(await staff.post(f"{path}/hand-over"), 409)
    assert_problem(await staff.post(f"{path}/ship", json={"carrier": "ไปรษณีย์ไทย"}), 422)
    shipped = await staff.post(
        f"{path}/ship", json={"carrier": "ไปรษณีย์ไทย", "tracking_no": "EF123456789TH"}
    )
    assert shipped.json()["state"] == "shipped"
    assert shipped.json()["tracking_no"] == "EF123456789TH"
    done = await staff.post(f"{path}/complete")
    assert done.json()["state"] == "completed" and done.json()["next"] == []
    assert_problem(await staff.post(f"{path}/cancel", json={"reason": "ช้าไป"}), 409)
    seen = (await staff.get(path)).json()
    assert seen["customer"]["name"] == "สมศรี ใจดี"
    listed = (await staff.get("/v1/shop/orders", params={"state": "completed"})).json()
    assert placed["order_id"] in [o["order_id"] for o in listed["items"]]
    found = (await staff.get("/v1/shop/orders", params={"q": placed["number"]})).json()
    assert [o["order_id"] for o in found["items"]] == [placed["order_id"]]
    for later in ("order.packed", "order.shipped", "order.completed"):
        [event] = await events_of(sales_app, later, placed["order_id"])
        assert "customer" not in event["data"]
    assert_problem(await staff.get(f"/v1/shop/orders/{uuid.uuid4()}"), 404)
    assert_problem(await staff.get("/v1/shop/orders", params={"state": "lost"}), 422)
