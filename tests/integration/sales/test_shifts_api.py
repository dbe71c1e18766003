"""Shifts: one open per terminal; the close report's cash is exact."""

from __future__ import annotations

from tests.integration.sales.tills import (
    Till,
    assert_problem,
    list_product,
    register_terminal,
    sale_body,
)


async def test_shift_closes_with_the_right_cash(sales_app, staff):
    await list_product(sales_app, "SK-C1", "85.50")
    await list_product(sales_app, "SK-C2", "1250.00")
    async with Till(sales_app, await register_terminal(staff)) as till:
        shift = await till.open_shift("2000.00")
        assert_problem(await till.client.post("/v1/shifts", json={"opening_float": "1"}), 409)
        paid_cash = await till.sell(sale_body([("SK-C1", 3, "85.50")], [("cash", "300.00")]))
        await till.sell(sale_body([("SK-C2", 1, "1250.00")], [("card", "1250.00")]))
        await till.sell(
            sale_body(
                [("SK-C1", 2, "85.50"), ("SK-C2", 1, "1250.00")],
                [("promptpay", "1000.00"), ("cash", "500.00")],
                discount="21.00",
            )
        )
        voided = await till.sell(sale_body([("SK-C1", 1, "85.50")], [("cash", "100.00")]))
        await till.client.post(f"/v1/sales/{voided.json()['sale_id']}/void", json={})
        await till.refund(paid_cash.json()["sale_id"], [(1, 1)], method="cash")
        # Expected cash: 2000 float + 300 + 500 tendered − 43.50 − 100.00 change − 85.50 refund.
        closed = await till.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "2570.00"}
        )
        assert closed.status_code == 200, closed.text
        report = closed.json()
        assert report["expected_cash"] == "2571.00"
        assert report["counted_cash"] == "2570.00"
        assert report["variance"] == "-1.00"
        assert report["sales_by_method"] == {
            "card": "1250.00",
            "cash": "656.50",
            "promptpay": "1000.00",
        }
        assert report["sale_count"] == 3
        assert report["refunds_by_method"] == {"cash": "85.50"}
        assert (report["void_count"], report["voided_total"]) == (1, "85.50")
        again = await till.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "2570.00"}
        )
        assert again.status_code == 200 and again.json() == report
        other = await till.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "1.00"}
        )
        assert_problem(other, 409, "already closed")
        assert (await till.client.get(f"/v1/shifts/{shift['shift_id']}")).json() == report
        # A new shift can open once the old one closed.
        assert (await till.open_shift("500.00"))["shift_id"] != shift["shift_id"]


async def test_a_terminal_cannot_close_another_terminals_shift(sales_app, staff):
    async with (
        Till(sales_app, await register_terminal(staff)) as one,
        Till(sales_app, await register_terminal(staff)) as two,
    ):
        shift = await one.open_shift()
        refused = await two.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "0.00"}
        )
    assert_problem(refused, 403)
