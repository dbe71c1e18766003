"""Online orders under concurrency: a state change raced by two requests happens once; more
requests at once than the service has database connections all finish; the expiry job
locks stock as a till does; a cancelled paid order is refunded once, its shipping fee too."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.service_layer.handlers.orders_payment import expire_orders
from services.sales.service_layer.orders_commands import ExpireOrders
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.orders_calls import (
    customer,
    events_of,
    order_body,
    place,
    reserved,
)
from tests.integration.sales.tills import Till, count, list_product, register_terminal

# Bounded waits: a request that cannot finish fails the test instead of hanging it.
PATIENCE = 60.0


async def test_two_staff_cancelling_a_paid_order_at_once_refund_it_once(sales_app, staff):
    chips = await list_product(sales_app, "SK-RC1", "100.00", stock=5)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 2)], fulfilment="post"))
    path = f"/v1/shop/orders/{placed['order_id']}"
    assert (await staff.post(f"{path}/payment", json={"amount": "260.00"})).status_code == 200
    answers = await asyncio.gather(
        *(staff.post(f"{path}/cancel", json={"reason": "ลูกค้าขอยกเลิก"}) for _ in range(3))
    )
    assert sorted(a.status_code for a in answers) == [200, 409, 409], [a.text for a in answers]
    sale_id = (await staff.get(path)).json()["sale_id"]
    refunds = "SELECT count(*) FROM refunds WHERE sale_id = $1"
    assert await count(sales_app, refunds, uuid.UUID(sale_id)) == 1
    assert await reserved(sales_app, chips.product_id) == (5, 0)
    [event] = await events_of(sales_app, "order.cancelled", placed["order_id"])
    # The customer is paid back what they paid: the goods and the shipping fee.
    assert event["data"]["refunded"] is True and event["data"]["refund_amount"] == "260.00"
    [refunded] = await events_of(sales_app, "sale.refunded", sale_id)
    assert refunded["data"]["total"] == "200.00"
    assert (await staff.get(path)).json()["refund_amount"] == "260.00"


async def test_a_customer_cancelling_while_staff_confirm_the_payment_ends_one_way(sales_app, staff):
    chips = await list_product(sales_app, "SK-RC2", "10.00", stock=50)
    for _ in range(5):
        async with customer(sales_app) as client:
            placed = await place(client, order_body([(chips.product_id, 1)]))
            path = f"/v1/public/shop/orders/{placed['order_id']}"
            code = {"X-Order-Code": placed["access_code"]}
            cancelled, paid = await asyncio.gather(
                client.post(f"{path}/cancel", json={}, headers=code),
                staff.post(
                    f"/v1/shop/orders/{placed['order_id']}/payment", json={"amount": "10.00"}
                ),
            )
        assert sorted([cancelled.status_code, paid.status_code]) == [200, 409]
        state = (await staff.get(f"/v1/shop/orders/{placed['order_id']}")).json()["state"]
        assert state == ("paid" if paid.status_code == 200 else "cancelled")
    on_hand, held = await reserved(sales_app, chips.product_id)
    sold = await count(
        sales_app, "SELECT count(*) FROM orders WHERE state = 'paid' AND sale_id IS NOT NULL"
    )
    assert (on_hand, held) == (50 - sold, 0)


async def test_more_orders_at_once_than_database_connections_all_finish(sales_dsn, servers, topics):
    async with running_sales(sales_dsn, servers, db_pool_max_size=3) as app:
        chips = await list_product(app, "SK-RC3", "10.00", stock=100)
        bodies = [order_body([(chips.product_id, 1)], phone=f"08100001{i:02d}") for i in range(10)]
        async with customer(app) as client, client_of(app, ADMIN_TOKEN) as staff:
            placing = asyncio.gather(
                *(client.post("/v1/public/shop/orders", json=b) for b in bodies)
            )
            answers = await asyncio.wait_for(placing, PATIENCE)
            assert [a.status_code for a in answers] == [201] * 10
            paying = asyncio.gather(
                *(
                    staff.post(
                        f"/v1/shop/orders/{a.json()['order_id']}/payment", json={"amount": "10.00"}
                    )
                    for a in answers
                )
            )
            assert {p.status_code for p in await asyncio.wait_for(paying, PATIENCE)} == {200}
            cancelling = asyncio.gather(
                *(
                    client.post(
                        f"/v1/public/shop/orders/{a.json()['order_id']}/cancel",
                        headers={"X-Order-Code": a.json()["access_code"]},
                    )
                    for a in answers
                )
            )
            assert {c.status_code for c in await asyncio.wait_for(cancelling, PATIENCE)} == {409}
        assert await reserved(app, chips.product_id) == (90, 0)


async def test_the_expiry_job_never_holds_one_products_stock_while_it_waits_for_anothers(
    sales_app, staff
):
    """A till locks stock rows in product order; the job, expiring one order after another,
    releases each order's stock before it touches the next order's."""
    first, second = sorted(
        [
            await list_product(sales_app, "SK-RC4", "10.00", stock=5),
            await list_product(sales_app, "SK-RC5", "10.00", stock=5),
        ],
        key=lambda p: p.product_id,
    )
    async with customer(sales_app) as client:
        sooner = await place(client, order_body([(second.product_id, 1)], phone="0810000101"))
        later = await place(client, order_body([(first.product_id, 1)], phone="0810000102"))
    pool = runtime_of(sales_app).pool
    async with pool.acquire() as conn:
        for order, minutes in ((sooner, 2), (later, 1)):
            await conn.execute(
                "UPDATE orders SET expires_at = now() - make_interval(mins => $2) "
                "WHERE order_id = $1",
                uuid.UUID(order["order_id"]),
                minutes,
            )
    async with pool.acquire() as till:
        tx = till.transaction()
        await tx.start()
        try:
            # As a till selling both products would: the first product's row first.
            await till.execute(
                "SELECT 1 FROM stock_on_hand WHERE product_id = $1 FOR UPDATE", first.product_id
            )
            job = asyncio.create_task(
                expire_orders(
                    ExpireOrders(now=now_bangkok() + timedelta(seconds=1)),
                    PostgresOrdersUnitOfWork(pool),
                )
            )
            expired = "SELECT count(*) FROM orders WHERE order_id = $1 AND state = 'expired'"
            for _ in range(200):
                if await count(sales_app, expired, uuid.UUID(sooner["order_id"])):
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("the sooner order's expiry waited on another product")
            await till.execute("SET LOCAL lock_timeout = '5s'")
            await till.execute(
                "SELECT 1 FROM stock_on_hand WHERE product_id = $1 FOR UPDATE", second.product_id
            )
        finally:
            await tx.rollback()
        done = await asyncio.wait_for(job, PATIENCE)
    assert {str(o) for o in done} == {sooner["order_id"], later["order_id"]}
    assert await reserved(sales_app, first.product_id) == (5, 0)
    assert await reserved(sales_app, second.product_id) == (5, 0)


async def test_a_retry_racing_its_first_try_is_a_replay_even_at_the_unpaid_order_limit(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-RC6", "10.00", stock=20)
    async with customer(sales_app) as client:
        for _ in range(2):
            await place(client, order_body([(chips.product_id, 1)], phone="0810000201"))
        third = order_body([(chips.product_id, 1)], phone="0810000201")
        pool = runtime_of(sales_app).pool
        waiting = (
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        async with pool.acquire() as other:
            tx = other.transaction()
            await tx.start()
            try:
                # Another order of the same contact is being placed: the contact's turn is
                # taken, and both tries of the third order wait for it.
                await other.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 7051))", "phone:0810000201"
                )
                tries = [
                    asyncio.create_task(client.post("/v1/public/shop/orders", json=third))
                    for _ in range(2)
                ]
                for _ in range(400):
                    if await count(sales_app, waiting) >= 2:
                        break
                    await asyncio.sleep(0.05)
                else:
                    raise AssertionError("the two tries did not both wait for the contact")
            finally:
                await tx.rollback()
            answers = await asyncio.wait_for(asyncio.gather(*tries), PATIENCE)
    assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
    assert answers[0].json()["access_code"] == answers[1].json()["access_code"]
    assert await reserved(sales_app, chips.product_id) == (20, 3)


async def test_a_cancelled_order_part_refunded_at_a_till_pays_back_the_rest_and_the_shipping(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-RC7", "100.00", stock=5)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 2)], fulfilment="post"))
    path = f"/v1/shop/orders/{placed['order_id']}"
    paid = await staff.post(f"{path}/payment", json={"amount": "260.00"})
    sale_id = paid.json()["sale_id"]
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        at_the_counter = await till.refund(sale_id, [(1, 1)])
        assert at_the_counter.status_code == 201, at_the_counter.text
    cancelled = await staff.post(f"{path}/cancel", json={"reason": "ลูกค้าขอยกเลิก"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["refund_amount"] == "160.00"
    [event] = await events_of(sales_app, "order.cancelled", placed["order_id"])
    assert event["data"]["refund_amount"] == "160.00"
    assert await reserved(sales_app, chips.product_id) == (5, 0)


async def test_a_cancelled_order_wholly_refunded_at_a_till_pays_back_its_shipping_only(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-RC8", "100.00", stock=5)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 1)], fulfilment="post"))
    path = f"/v1/shop/orders/{placed['order_id']}"
    sale_id = (await staff.post(f"{path}/payment", json={"amount": "150.00"})).json()["sale_id"]
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        assert (await till.refund(sale_id, [(1, 1)])).status_code == 201
    cancelled = await staff.post(f"{path}/cancel", json={"reason": "ลูกค้าขอยกเลิก"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["refund_amount"] == "50.00" and cancelled.json()["refund_id"] is None
    [event] = await events_of(sales_app, "order.cancelled", placed["order_id"])
    assert event["data"]["refunded"] is True and event["data"]["refund_amount"] == "50.00"
    assert len(await events_of(sales_app, "sale.refunded", sale_id)) == 1
    assert await reserved(sales_app, chips.product_id) == (5, 0)


async def test_orders_of_one_contact_placed_at_once_stop_at_the_unpaid_order_limit(
    sales_app, staff
):
    chips = await list_product(sales_app, "SK-RC9", "10.00", stock=50)
    phones = ("0810000301", "081-000-0301", "+66 81 000 0301")
    bodies = [order_body([(chips.product_id, 1)], phone=phones[i % 3]) for i in range(8)]
    async with customer(sales_app) as client:
        answers = await asyncio.wait_for(
            asyncio.gather(*(client.post("/v1/public/shop/orders", json=b) for b in bodies)),
            PATIENCE,
        )
    assert sorted(a.status_code for a in answers) == [201] * 3 + [429] * 5
    assert await reserved(sales_app, chips.product_id) == (50, 3)
