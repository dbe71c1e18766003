"""The close report's cash over random shifts: expected cash is the float plus the cash
taken, less the change and the cash refunds, voided sales left out, to the satang."""

from __future__ import annotations

import uuid
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body

METHODS = ["cash", "card", "promptpay"]

actions = st.lists(
    st.tuples(
        st.integers(1, 6),  # quantity
        st.sampled_from(METHODS),  # first payment
        st.integers(0, 100),  # percent of the total paid that way (the rest in cash)
        st.integers(0, 5000),  # cash over the total, handed back as change
        st.sampled_from(["keep", "void", "refund-cash", "refund-card"]),
    ),
    min_size=1,
    max_size=10,
)


def _baht(satang: int) -> str:
    return str(Decimal(satang) / 100)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=actions, price=st.integers(1, 500_000), opening=st.integers(0, 1_000_000))
async def test_the_drawer_holds_float_plus_cash_less_change_and_cash_refunds(
    sales_app, staff, plan, price, opening
):
    sku = f"SK-S{uuid.uuid4().hex[:8]}"
    await list_product(sales_app, sku, _baht(price))
    expected = opening
    async with Till(sales_app, await register_terminal(staff)) as till:
        shift = await till.open_shift(_baht(opening))
        for quantity, method, percent, over, then in plan:
            total = quantity * price
            first = total * percent // 100 if method != "cash" else 0
            cash = total - first + over
            payments = [(method, _baht(first))] if first else []
            if cash:
                payments.append(("cash", _baht(cash)))
            tendered = sum(Decimal(a) for m, a in payments if m == "cash") * 100
            sold = await till.sell(sale_body([(sku, quantity, _baht(price))], payments))
            assert sold.status_code == 201, sold.text
            sale_id = sold.json()["sale_id"]
            change = int(Decimal(sold.json()["change_given"]) * 100)
            if then == "void":
                voided = await till.client.post(f"/v1/sales/{sale_id}/void", json={})
                assert voided.status_code == 200, voided.text
                continue
            expected += int(tendered) - change
            if then.startswith("refund"):
                refund_method = then.removeprefix("refund-")
                refunded = await till.refund(sale_id, [(1, 1)], method=refund_method)
                assert refunded.status_code == 201, refunded.text
                if refund_method == "cash":
                    expected -= int(Decimal(refunded.json()["total"]) * 100)
        closed = await till.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": _baht(opening)}
        )
    assert closed.status_code == 200, closed.text
    report = closed.json()
    assert Decimal(report["expected_cash"]) * 100 == expected
    assert Decimal(report["variance"]) * 100 == opening - expected
    assert report["sale_count"] == sum(1 for *_, then in plan if then != "void")
