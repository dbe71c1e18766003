"""The shop's assortment and consignment stock through the API: approval, intake, sales from
the lots, refunds and voids back into them, returns, counts, and the stock check."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from services.sales.service_layer.handlers.stock_counts import tell_expiring_lots
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    register_terminal,
    sale_body,
)


async def _approved(staff: httpx.AsyncClient, sku: str, app: Any, producer: uuid.UUID) -> str:
    product = await list_product(app, sku, "40.00", producer, stock=None)
    pid = str(product.product_id)
    made = await staff.post("/v1/shop/assortment", json={"product_id": pid, "note": "ขายดี"})
    assert made.status_code == 201, made.text
    assert made.json()["state"] == "proposed"
    approved = await staff.post(f"/v1/shop/assortment/{pid}/approve", json={"low_stock_at": 1})
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    return pid


async def _deliver(
    staff: httpx.AsyncClient, producer: uuid.UUID, lines: list[dict[str, Any]]
) -> dict[str, Any]:
    body = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "delivered_by": "นางสมศรี ใจดี",
        "lines": lines,
    }
    made = await staff.post("/v1/shop/consignments", json=body)
    assert made.status_code == 201, made.text
    again = await staff.post("/v1/shop/consignments", json=body)
    assert again.status_code == 200 and again.json()["number"] == made.json()["number"]
    result: dict[str, Any] = made.json()
    return result


async def _shelf(staff: httpx.AsyncClient, producer: uuid.UUID) -> dict[str, Any]:
    found = await staff.get("/v1/shop/stock", params={"producer_id": str(producer)})
    assert found.status_code == 200, found.text
    [shelf] = found.json()["items"]
    return shelf  # type: ignore[no-any-return]


async def _check_ok(staff: httpx.AsyncClient) -> None:
    checked = await staff.get("/v1/shop/stock/check")
    assert checked.status_code == 200, checked.text
    assert checked.json()["ok"], checked.json()


async def test_a_shop_sale_takes_the_earliest_lot_and_a_refund_puts_it_back(
    sales_app, staff, producer
):
    pid = await _approved(staff, "SK-ST-1", sales_app, producer)
    soon, later = date.today() + timedelta(days=90), date.today() + timedelta(days=200)
    note = await _deliver(
        staff,
        producer,
        [
            {"product_id": pid, "quantity": 2, "lot_code": "L-LATE", "best_before": str(later)},
            {"product_id": pid, "quantity": 2, "lot_code": "L-SOON", "best_before": str(soon)},
        ],
    )
    assert note["number"].startswith(f"CN-{now_bangkok().year + 543}-")
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        sold = await till.sell(sale_body([("SK-ST-1", 3, "40.00")], [("cash", "120.00")]))
        assert sold.status_code == 201, sold.text
        shelf = await _shelf(staff, producer)
        assert shelf["on_hand"] == 1 and shelf["available"] == 1 and shelf["low"]
        assert {lot["lot_code"]: lot["on_hand"] for lot in shelf["lots"]} == {"L-LATE": 1}
        refunded = await till.refund(sold.json()["sale_id"], [(1, 1)])
        assert refunded.status_code == 201, refunded.text
        shelf = await _shelf(staff, producer)
        assert shelf["on_hand"] == 2
        # The unit came back into the lot it was taken from first.
        assert {lot["lot_code"]: lot["on_hand"] for lot in shelf["lots"]} == {
            "L-SOON": 1,
            "L-LATE": 1,
        }
        too_many = await till.sell(sale_body([("SK-ST-1", 3, "40.00")], [("cash", "120.00")]))
        body = assert_problem(too_many, 409)
        assert body["type"].endswith("out-of-stock")
    assert await count(sales_app, "SELECT count(*) FROM stock_movements WHERE kind = 'sale'") == 2
    await _check_ok(staff)


async def test_two_tills_selling_the_last_unit_live_one_wins(sales_app, staff, producer):
    await list_product(sales_app, "SK-ST-2", "40.00", producer, stock=1)
    tills = [Till(sales_app, await register_terminal(staff)) for _ in range(2)]
    for till in tills:
        await till.open_shift()
    answers = await asyncio.gather(
        *(t.sell(sale_body([("SK-ST-2", 1, "40.00")], [("cash", "40.00")])) for t in tills)
    )
    assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
    for till in tills:
        await till.client.aclose()
    assert await count(sales_app, "SELECT on_hand FROM stock_on_hand") == 0
    await _check_ok(staff)


async def test_a_product_not_approved_is_refused_live_and_flagged_in_a_backlog(
    sales_app, staff, producer
):
    await list_product(sales_app, "SK-ST-3", "40.00", producer, stock=None)
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        live = await till.sell(sale_body([("SK-ST-3", 1, "40.00")], [("cash", "40.00")]))
        assert assert_problem(live, 409)["type"].endswith("not-in-assortment")
        past = now_bangkok() - timedelta(hours=2)
        batch = await till.batch(
            [sale_body([("SK-ST-3", 2, "40.00")], [("cash", "80.00")], occurred_at=past)]
        )
        assert batch.json()["recorded"] == 1, batch.text
    flagged = await staff.get("/v1/shop/stock", params={"needs_count": "true"})
    [shelf] = flagged.json()["items"]
    assert shelf["on_hand"] == -2 and shelf["needs_count"]
    await _check_ok(staff)


async def test_returns_and_counts_keep_the_equation(sales_app, staff, producer):
    pid = await _approved(staff, "SK-ST-4", sales_app, producer)
    best = str(date.today() + timedelta(days=120))
    await _deliver(
        staff, producer, [{"product_id": pid, "quantity": 5, "lot_code": "A1", "best_before": best}]
    )
    back = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "collected_by": "นายสมชาย",
        "reason": "damaged",
        "lines": [{"product_id": pid, "quantity": 6}],
    }
    assert_problem(await staff.post("/v1/shop/returns", json=back), 409)
    back["lines"] = [{"product_id": pid, "quantity": 2, "lot_code": "A1"}]
    made = await staff.post("/v1/shop/returns", json=back)
    assert made.status_code == 201, made.text
    assert made.json()["number"].startswith("RN-")
    counted = await staff.post(
        "/v1/shop/stock-counts",
        json={
            "count_id": str(uuid.uuid4()),
            "product_id": pid,
            "lines": [{"lot_code": "A1", "counted": 2}],
            "reason": "นับสิ้นเดือน",
        },
    )
    assert counted.status_code == 201, counted.text
    assert counted.json()["adjustments"][0]["difference"] == -1
    assert (await _shelf(staff, producer))["on_hand"] == 2
    await _check_ok(staff)
    withdrawn = await staff.post(f"/v1/shop/assortment/{pid}/withdraw", json={"reason": "หมดสัญญา"})
    assert withdrawn.status_code == 200, withdrawn.text
    recalls = await count(
        sales_app, "SELECT count(*) FROM outbox WHERE event_type = 'stock.recall_requested'"
    )
    assert recalls == 1


async def test_food_needs_a_best_before_date_and_only_approved_products_come_in(
    sales_app, staff, producer
):
    pid = await _approved(staff, "SK-ST-5", sales_app, producer)
    undated = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "delivered_by": "ผู้ส่ง",
        "lines": [{"product_id": pid, "quantity": 1, "lot_code": "X1"}],
    }
    assert_problem(await staff.post("/v1/shop/consignments", json=undated), 422)
    other = await list_product(sales_app, "SK-ST-6", "10.00", producer, stock=None)
    undated["lines"] = [
        {
            "product_id": str(other.product_id),
            "quantity": 1,
            "lot_code": "X1",
            "best_before": "2030-01-01",
        }
    ]
    assert_problem(await staff.post("/v1/shop/consignments", json=undated), 409)


async def test_the_public_catalogue_shows_approved_listed_products_only(sales_app, staff, producer):
    pid = await _approved(staff, "SK-ST-7", sales_app, producer)
    await list_product(sales_app, "SK-ST-8", "10.00", producer, stock=None)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sales_app), base_url="http://sales"
    ) as public:
        page = await public.get("/v1/public/shop/catalogue")
        assert page.status_code == 200, page.text
        [item] = page.json()["items"]
        assert item["product_id"] == pid and item["available"] is False
        assert item["price"] == "40.00" and "on_hand" not in item
        one = await public.get(f"/v1/public/shop/products/{pid}")
        assert one.status_code == 200 and one.json()["sku"] == "SK-ST-7"
        missing = await public.get(f"/v1/public/shop/products/{uuid.uuid4()}")
        assert missing.status_code == 404


async def test_a_lot_near_its_best_before_date_is_told_once(sales_app, staff, producer):
    pid = await _approved(staff, "SK-ST-9", sales_app, producer)
    soon = str(date.today() + timedelta(days=10))
    far = str(date.today() + timedelta(days=300))
    await _deliver(
        staff,
        producer,
        [
            {"product_id": pid, "quantity": 3, "lot_code": "NEAR", "best_before": soon},
            {"product_id": pid, "quantity": 3, "lot_code": "FAR", "best_before": far},
        ],
    )
    told = "SELECT count(*) FROM outbox WHERE event_type = 'stock.lot_expiring'"
    assert await count(sales_app, told) == 1
    # The daily check finds nothing new: each lot is told once.
    assert await tell_expiring_lots(runtime_of(sales_app).unit_of_work()) == 0
    assert await count(sales_app, told) == 1
