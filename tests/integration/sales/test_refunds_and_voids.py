"""Refunds by line and quantity never exceed what was sold; voids only within the shift."""

from __future__ import annotations

import asyncio
import uuid

from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    publish_event,
    register_terminal,
    sale_body,
)


async def _sold(sales_app, staff, quantity: int = 3, discount: str = "0.00"):
    await list_product(sales_app, "SK-R", "100.00")
    await list_product(sales_app, "SK-S", "50.00")
    till = Till(sales_app, await register_terminal(staff))
    await till.open_shift()
    response = await till.sell(
        sale_body(
            [("SK-R", quantity, "100.00"), ("SK-S", 1, "50.00")],
            [("cash", "1000.00")],
            discount=discount,
        )
    )
    assert response.status_code == 201, response.text
    return till, response.json()


async def test_a_partial_refund_and_the_refund_limits(sales_app, staff):
    till, sale = await _sold(sales_app, staff)
    async with till:
        first = await till.refund(sale["sale_id"], [(1, 2)], reason="ชำรุด")
        assert first.status_code == 201, first.text
        assert first.json()["total"] == "200.00"
        assert first.json()["lines"][0]["producer_id"] == sale["lines"][0]["producer_id"]
        too_many = await till.refund(sale["sale_id"], [(1, 2)])
        assert_problem(too_many, 422, "1 left")
        no_line = await till.refund(sale["sale_id"], [(9, 1)])
        assert_problem(no_line, 422, "no line 9")
        unknown = await till.refund(str(uuid.uuid4()), [(1, 1)])
        assert_problem(unknown, 404)
        last = await till.refund(sale["sale_id"], [(1, 1), (2, 1)])
        assert last.status_code == 201 and last.json()["total"] == "150.00"
        assert_problem(await till.refund(sale["sale_id"], [(2, 1)]), 422, "0 left")
    assert await count(sales_app, "SELECT sum(total_satang) FROM refunds") == 35000
    events = "SELECT count(*) FROM outbox WHERE event_type = 'sale.refunded'"
    assert await count(sales_app, events) == 2


async def test_refunds_with_a_discount_give_back_exactly_the_line_net(sales_app, staff):
    till, sale = await _sold(sales_app, staff, quantity=3, discount="10.00")
    line_net = sale["lines"][0]["net_amount"]  # 300 − 8.57 share = 291.43
    async with till:
        amounts = []
        for _ in range(3):
            response = await till.refund(sale["sale_id"], [(1, 1)])
            assert response.status_code == 201, response.text
            amounts.append(response.json()["total"])
    assert line_net == "291.43"
    assert amounts == ["97.14", "97.14", "97.15"]


async def test_a_retried_refund_is_counted_once(sales_app, staff):
    till, sale = await _sold(sales_app, staff)
    refund_id = uuid.uuid4()
    async with till:
        first = await till.refund(sale["sale_id"], [(1, 1)], refund_id=refund_id)
        again = await till.refund(sale["sale_id"], [(1, 1)], refund_id=refund_id)
        other = await till.refund(sale["sale_id"], [(1, 2)], refund_id=refund_id)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    assert_problem(other, 409)
    assert await count(sales_app, "SELECT count(*) FROM refunds") == 1


async def test_racing_refunds_cannot_take_back_more_than_was_sold(sales_app, staff):
    till, sale = await _sold(sales_app, staff, quantity=3)
    async with till:
        responses = await asyncio.gather(
            *(till.refund(sale["sale_id"], [(1, 1)]) for _ in range(8))
        )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 3 + [422] * 5
    assert await count(sales_app, "SELECT refunded_quantity FROM sale_lines WHERE line_no = 1") == 3
    assert await count(sales_app, "SELECT sum(quantity) FROM refund_lines") == 3


async def test_a_sale_is_voided_in_its_shift_and_not_after_a_refund(sales_app, staff):
    till, sale = await _sold(sales_app, staff)
    async with till:
        second = await till.sell(sale_body([("SK-S", 1, "50.00")], [("cash", "50.00")]))
        voided = await till.client.post(
            f"/v1/sales/{sale['sale_id']}/void", json={"reason": "ลูกค้าเปลี่ยนใจ"}
        )
        assert voided.status_code == 200, voided.text
        assert_problem(await till.refund(sale["sale_id"], [(1, 1)]), 422, "voided")
        await till.refund(second.json()["sale_id"], [(1, 1)])
        refused = await till.client.post(f"/v1/sales/{second.json()['sale_id']}/void", json={})
        assert_problem(refused, 409, "refund")
    shown = await staff.get(f"/v1/sales/{sale['sale_id']}")
    assert shown.json()["voided_at"] is not None and shown.json()["void_reason"] == "ลูกค้าเปลี่ยนใจ"
    assert (
        await count(sales_app, "SELECT count(*) FROM outbox WHERE event_type = 'sale.voided'") == 1
    )


async def test_a_sale_of_a_closed_shift_cannot_be_voided(sales_app, staff):
    till, sale = await _sold(sales_app, staff)
    async with till:
        shift_id = sale["shift_id"]
        closed = await till.client.post(
            f"/v1/shifts/{shift_id}/close", json={"counted_cash": "2100.00"}
        )
        assert closed.status_code == 200, closed.text
        await till.open_shift()
        refused = await till.client.post(f"/v1/sales/{sale['sale_id']}/void", json={})
    assert_problem(refused, 409, "open shift")


async def test_another_terminal_cannot_void_the_sale(sales_app, staff):
    till, sale = await _sold(sales_app, staff)
    async with till, Till(sales_app, await register_terminal(staff)) as other:
        await other.open_shift()
        refused = await other.client.post(f"/v1/sales/{sale['sale_id']}/void", json={})
    assert_problem(refused, 403)


async def test_a_booth_sale_is_refunded_only_at_a_booth_of_its_event(sales_app, staff):
    event_id, other_event = uuid.uuid4(), uuid.uuid4()
    await publish_event(sales_app, event_id)
    await publish_event(sales_app, other_event)
    await list_product(sales_app, "SK-RB", "60.00")
    booth = Till(sales_app, await register_terminal(staff, "booth", event_id))
    same_booth = Till(sales_app, await register_terminal(staff, "booth", event_id))
    other_booth = Till(sales_app, await register_terminal(staff, "booth", other_event))
    shop = Till(sales_app, await register_terminal(staff))
    async with booth, same_booth, other_booth, shop:
        await booth.open_shift()
        sold = await booth.sell(sale_body([("SK-RB", 2, "60.00")], [("cash", "120.00")]))
        sale_id = sold.json()["sale_id"]
        assert_problem(await other_booth.refund(sale_id, [(1, 1)], method="card"), 403)
        assert_problem(await shop.refund(sale_id, [(1, 1)], method="card"), 403)
        assert await count(sales_app, "SELECT count(*) FROM refunds") == 0
        refunded = await same_booth.refund(sale_id, [(1, 1)], method="card")
    assert refunded.status_code == 201, refunded.text
    assert refunded.json()["event_id"] == str(event_id)


async def test_staff_and_terminal_credentials_do_not_open_each_others_routes(sales_app, staff):
    # Known credentials, but not for these routes: 403, not 401.
    async with Till(sales_app, await register_terminal(staff)) as till:
        assert_problem(await till.client.get("/v1/catalogue"), 403, "for staff")
        assert_problem(await till.client.post("/v1/terminals", json={}), 403)
    assert_problem(await staff.post("/v1/shifts", json={"opening_float": "1.00"}), 403)
    assert_problem(await staff.get("/v1/shifts/current"), 403, "for sales terminals")
