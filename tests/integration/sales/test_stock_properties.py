"""The stock equation over random intakes, live and backlog sales, refunds, voids, returns
and counts: on hand always equals intake − sold + refunded − returned ± adjustments, per
product and per lot, and no lot and no shelf goes below zero except by a backlog sale, which
flags the product for a count."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body

operations = st.lists(
    st.one_of(
        st.tuples(st.just("intake"), st.integers(1, 6), st.integers(0, 2)),
        st.tuples(st.just("sell"), st.integers(1, 4), st.just(0)),
        st.tuples(st.just("backlog"), st.integers(1, 4), st.just(0)),
        st.tuples(st.just("refund"), st.integers(1, 3), st.just(0)),
        st.tuples(st.just("void"), st.just(0), st.just(0)),
        st.tuples(st.just("return"), st.integers(1, 4), st.integers(0, 2)),
        st.tuples(st.just("count"), st.integers(0, 5), st.integers(0, 2)),
    ),
    min_size=1,
    max_size=14,
)

PRICE = "25.00"


async def _state(app: Any, product_id: uuid.UUID) -> tuple[Any, list[Any], list[Any]]:
    """The product's shelf (none yet: nothing on hand, no flag), lots and movements."""
    async with runtime_of(app).pool.acquire() as conn:
        found = await conn.fetchrow(
            "SELECT on_hand, needs_count FROM stock_on_hand WHERE product_id = $1", product_id
        )
        shelf = dict(found) if found else {"on_hand": 0, "needs_count": False}
        lots = await conn.fetch(
            "SELECT l.lot_code, l.on_hand, coalesce((SELECT sum(quantity) FROM stock_movements m"
            " WHERE m.lot_id = l.lot_id), 0) AS moved FROM stock_lots l WHERE product_id = $1",
            product_id,
        )
        moves = await conn.fetch(
            "SELECT kind, quantity FROM stock_movements WHERE product_id = $1", product_id
        )
    return shelf, list(lots), list(moves)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=operations)
async def test_the_stock_equation_holds_whatever_happens(sales_app, staff, plan):
    producer = uuid.uuid4()
    sku = f"SK-PS-{uuid.uuid4().hex[:8]}"
    product = await list_product(sales_app, sku, PRICE, producer, stock=0)
    pid = str(product.product_id)
    sales: list[tuple[str, int, bool]] = []  # sale id, units left to refund, voidable
    backlog_made = False
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        for n, (kind, quantity, lot) in enumerate(plan):
            if kind == "intake":
                made = await staff.post(
                    "/v1/shop/consignments",
                    json={
                        "note_id": str(uuid.uuid4()),
                        "producer_id": str(producer),
                        "delivered_by": "ผู้ส่ง",
                        "lines": [
                            {
                                "product_id": pid,
                                "quantity": quantity,
                                "lot_code": f"L{lot}",
                                "best_before": str(
                                    now_bangkok().date() + timedelta(days=30 * (lot + 1))
                                ),
                            }
                        ],
                    },
                )
                assert made.status_code == 201, made.text
            elif kind in ("sell", "backlog"):
                when = now_bangkok() - (timedelta(hours=3) if kind == "backlog" else timedelta(0))
                body = sale_body(
                    [(sku, quantity, PRICE)], [("card", str(25 * quantity))], occurred_at=when
                )
                answer = await (till.batch([body]) if kind == "backlog" else till.sell(body))
                if kind == "backlog":
                    assert answer.json()["recorded"] == 1, answer.text
                    backlog_made = True
                    sales.append((body["sale_id"], quantity, False))
                else:
                    assert answer.status_code in (201, 409), answer.text
                    if answer.status_code == 201:
                        sales.append((body["sale_id"], quantity, True))
            elif kind == "refund" and sales:
                sale_id, left, _ = sales[-1]
                units = min(quantity, left)
                if units:
                    answer = await till.refund(sale_id, [(1, units)], method="card")
                    assert answer.status_code == 201, answer.text
                    sales[-1] = (sale_id, left - units, False)
            elif kind == "void" and sales and sales[-1][2]:
                sale_id = sales.pop()[0]
                answer = await till.client.post(f"/v1/sales/{sale_id}/void", json={})
                assert answer.status_code == 200, answer.text
            elif kind == "return":
                answer = await staff.post(
                    "/v1/shop/returns",
                    json={
                        "note_id": str(uuid.uuid4()),
                        "producer_id": str(producer),
                        "collected_by": "ผู้รับคืน",
                        "reason": "unsold",
                        "lines": [{"product_id": pid, "quantity": quantity}],
                    },
                )
                assert answer.status_code in (201, 409), answer.text
            elif kind == "count":
                answer = await staff.post(
                    "/v1/shop/stock-counts",
                    json={
                        "count_id": str(uuid.uuid4()),
                        "product_id": pid,
                        "lines": [{"lot_code": f"L{lot}", "counted": quantity}],
                        "reason": f"นับครั้งที่ {n}",
                    },
                )
                assert answer.status_code == 201, answer.text
                backlog_made = False  # the count settles what the backlog left
            shelf, lots, moves = await _state(sales_app, product.product_id)
            assert shelf["on_hand"] == sum(m["quantity"] for m in moves), (kind, shelf, moves)
            assert all(lot["on_hand"] == lot["moved"] for lot in lots), lots
            assert all(lot["on_hand"] >= 0 for lot in lots), lots
            assert shelf["on_hand"] >= 0 or (backlog_made and shelf["needs_count"]), (
                kind,
                shelf,
            )
    checked = await staff.get("/v1/shop/stock/check", params={"producer_id": str(producer)})
    assert checked.json()["ok"], checked.json()
