"""The customer's personal data on an online order goes a set time after the order ended
(or was placed, when it never ends) while its amounts, lines and sale stay; staff find an
order by its customer's phone however the phone is typed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
import pytest

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.entrypoints.orders_jobs import ORDER_CONTACT_ERASURE
from services.sales.service_layer.handlers.orders_payment import expire_orders
from services.sales.service_layer.handlers.orders_privacy import erase_order_contacts
from services.sales.service_layer.orders_commands import EraseOrderContacts, ExpireOrders
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.orders_calls import customer, order_body, place
from tests.integration.sales.tills import list_product

PERSONAL = ("customer_name", "phone", "email", "line_id", "address", "note")


async def _backdate(app, order_id: str, column: str, days: int) -> None:
    async with runtime_of(app).pool.acquire() as conn:
        await conn.execute(
            f"UPDATE orders SET {column} = now() - make_interval(days => $2) WHERE order_id = $1",
            uuid.UUID(order_id),
            days,
        )


async def _row(app, order_id: str):
    async with runtime_of(app).pool.acquire() as conn:
        return await conn.fetchrow(
            "SELECT o.*, o::text AS whole, (SELECT count(*) FROM order_lines l "
            "WHERE l.order_id = o.order_id) AS lines FROM orders o WHERE order_id = $1",
            uuid.UUID(order_id),
        )


def _erase(now=None) -> EraseOrderContacts:
    return EraseOrderContacts(now=now or now_bangkok(), after_end_days=90, after_placing_days=365)


async def test_personal_data_goes_90_days_after_an_order_ended_or_365_after_an_open_one_was_placed(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-PD1", "100.00", stock=20)
    async with customer(sales_app) as client:
        cancelled = await place(client, order_body([(chips.product_id, 1)], phone="0810000001"))
        completed = await place(client, order_body([(chips.product_id, 1)], phone="0810000002"))
        still_open = await place(client, order_body([(chips.product_id, 1)], phone="0810000003"))
        expired = await place(
            client,
            order_body(
                [(chips.product_id, 2)],
                phone="0810000004",
                email="somsri@example.com",
                fulfilment="post",
                note="โทรหาก่อนส่ง 081-000-0004",
            ),
        )
    orders = f"/v1/shop/orders/{cancelled['order_id']}"
    assert (await staff.post(f"{orders}/cancel", json={"reason": "ลูกค้าขอ"})).status_code == 200
    path = f"/v1/shop/orders/{completed['order_id']}"
    for step, body in (("payment", {"amount": "100.00"}), ("pack", None), ("hand-over", None)):
        assert (await staff.post(f"{path}/{step}", json=body)).status_code == 200
    assert (await staff.post(f"{path}/complete")).status_code == 200
    paid = await staff.post(
        f"/v1/shop/orders/{still_open['order_id']}/payment", json={"amount": "100.00"}
    )
    assert paid.status_code == 200, paid.text
    pool = runtime_of(sales_app).pool
    later = now_bangkok() + timedelta(minutes=61)
    assert await expire_orders(ExpireOrders(now=later), PostgresOrdersUnitOfWork(pool)) == [
        uuid.UUID(expired["order_id"])
    ]

    await _backdate(sales_app, cancelled["order_id"], "cancelled_at", 91)
    await _backdate(sales_app, completed["order_id"], "completed_at", 89)
    await _backdate(sales_app, still_open["order_id"], "placed_at", 366)
    await _backdate(sales_app, expired["order_id"], "expired_at", 91)
    erased = await erase_order_contacts(_erase(), PostgresOrdersUnitOfWork(pool))
    assert {str(o) for o in erased} == {
        cancelled["order_id"],
        still_open["order_id"],
        expired["order_id"],
    }
    for placed in (cancelled, still_open, expired):
        row = await _row(sales_app, placed["order_id"])
        assert all(row[column] is None for column in PERSONAL), dict(row)
        assert row["contact_erased_at"] is not None and row["lines"] >= 1
        for personal in ("สมศรี", "081000000", "somsri", "ขอนแก่น", "โทรหา"):
            assert personal not in row["whole"]
    kept = await _row(sales_app, still_open["order_id"])
    assert (kept["total_satang"], kept["sale_id"]) == (10_000, uuid.UUID(paid.json()["sale_id"]))
    assert (await _row(sales_app, cancelled["order_id"]))["cancel_reason"] is None
    untouched = await _row(sales_app, completed["order_id"])
    assert untouched["customer_name"] == "สมศรี ใจดี" and untouched["phone"] == "0810000002"

    seen = (await staff.get(f"/v1/shop/orders/{expired['order_id']}")).json()
    assert seen["contact_erased_at"] and seen["total"] == "260.00"
    assert set(seen["customer"].values()) == {None} and seen["note"] is None
    assert [ln["quantity"] for ln in seen["lines"]] == [2]
    listed = (await staff.get("/v1/shop/orders")).json()["items"]
    assert {o["order_id"]: o["contact_erased"] for o in listed} == {
        cancelled["order_id"]: True,
        completed["order_id"]: False,
        still_open["order_id"]: True,
        expired["order_id"]: True,
    }
    # Once gone, nothing is left to erase; the completed order's time comes with its day.
    assert await erase_order_contacts(_erase(), PostgresOrdersUnitOfWork(pool)) == []
    step = await ORDER_CONTACT_ERASURE.start(runtime_of(sales_app))
    assert await step() == 0
    await _backdate(sales_app, completed["order_id"], "completed_at", 90)
    assert await step() == 1
    assert (await _row(sales_app, completed["order_id"]))["phone"] is None


async def test_an_order_that_ended_lately_keeps_its_customer_and_a_retry_after_erasure_is_refused(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-PD2", "10.00", stock=5)
    body = order_body([(chips.product_id, 1)], phone="0810000005")
    async with customer(sales_app) as client:
        placed = await place(client, body)
        path = f"/v1/public/shop/orders/{placed['order_id']}"
        code = {"X-Order-Code": placed["access_code"]}
        assert (await client.post(f"{path}/cancel", json={}, headers=code)).status_code == 200
        pool = runtime_of(sales_app).pool
        assert await erase_order_contacts(_erase(), PostgresOrdersUnitOfWork(pool)) == []
        await _backdate(sales_app, placed["order_id"], "cancelled_at", 100)
        [gone] = await erase_order_contacts(_erase(), PostgresOrdersUnitOfWork(pool))
        assert str(gone) == placed["order_id"]
        # The customer still reads the order (no personal data is shown to them anyway).
        seen = await client.get(path, headers=code)
        assert seen.status_code == 200 and seen.json()["state"] == "cancelled"
        again = await client.post("/v1/public/shop/orders", json=body)
        assert again.status_code == 409, again.text


async def test_staff_find_an_order_by_its_phone_however_the_phone_is_typed(sales_app, staff):
    chips = await list_product(sales_app, "SK-PH1", "10.00", stock=10)
    async with customer(sales_app) as client:
        mine = await place(client, order_body([(chips.product_id, 1)], phone="081-234-5678"))
        other = await place(client, order_body([(chips.product_id, 1)], phone="+66 89 999 9999"))
    for typed in (
        "0812345678",
        "081-234-5678",
        "081 234 5678",
        "+66812345678",
        "+66 81 234 5678",
        "+66-81-234-5678",
        "66812345678",
        "(081) 234-5678",
        "234-5678",
    ):
        found = (await staff.get("/v1/shop/orders", params={"q": typed})).json()["items"]
        assert [o["order_id"] for o in found] == [mine["order_id"]], typed
    found = (await staff.get("/v1/shop/orders", params={"q": "089-999-9999"})).json()["items"]
    assert [o["order_id"] for o in found] == [other["order_id"]]
    both = (await staff.get("/v1/shop/orders", params={"q": "สมศรี"})).json()["items"]
    assert len(both) == 2
    assert (await staff.get("/v1/shop/orders", params={"q": "77"})).json()["items"] == []


async def test_the_stored_data_still_refuses_a_wrong_total_and_a_kept_order_without_contact(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-PD3", "10.00", stock=5)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 1)], phone="0810000006"))
    order_id = uuid.UUID(placed["order_id"])
    async with runtime_of(sales_app).pool.acquire() as conn:
        for change in (
            "total_satang = total_satang + 1",
            "phone = NULL",
            "customer_name = NULL",
            "address = '{}'::jsonb",
            "contact_erased_at = now()",  # erased, yet the data is still there
        ):
            with pytest.raises(asyncpg.CheckViolationError):
                await conn.execute(f"UPDATE orders SET {change} WHERE order_id = $1", order_id)
