"""Online orders and the shop's tills sell from the same stock: the last unit goes to one of
them; an unpaid order that expires gives its units back."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.entrypoints.orders_jobs import ORDER_EXPIRY
from services.sales.service_layer.handlers.orders_payment import expire_orders
from services.sales.service_layer.orders_commands import ExpireOrders
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.orders_calls import customer, events_of, order_body, reserved
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    list_product,
    register_terminal,
    sale_body,
)


async def test_an_online_order_racing_a_till_for_the_last_unit_one_of_them_wins(sales_app, staff):
    products = [await list_product(sales_app, f"SK-RACE{i}", "30.00", stock=1) for i in range(6)]
    async with (
        Till(sales_app, await register_terminal(staff)) as till,
        customer(sales_app) as client,
    ):
        await till.open_shift()
        for product in products:
            sale, order = await asyncio.gather(
                till.sell(sale_body([(product.sku, 1, "30.00")], [("cash", "30.00")])),
                client.post("/v1/public/shop/orders", json=order_body([(product.product_id, 1)])),
            )
            winners = [r for r in (sale, order) if r.status_code == 201]
            assert len(winners) == 1, (sale.text, order.text)
            loser = order if sale.status_code == 201 else sale
            assert assert_problem(loser, 409)["type"].endswith("out-of-stock")
            on_hand, held = await reserved(sales_app, product.product_id)
            assert on_hand - held == 0 and on_hand >= 0
            assert (on_hand, held) == ((0, 0) if sale.status_code == 201 else (1, 1))


async def test_an_unpaid_order_expires_after_its_time_and_releases_its_units(sales_app, staff):
    chips = await list_product(sales_app, "SK-EXP1", "25.00", stock=3)
    async with customer(sales_app) as client:
        placed = (
            await client.post("/v1/public/shop/orders", json=order_body([(chips.product_id, 3)]))
        ).json()
        sold_out = await client.post(
            "/v1/public/shop/orders", json=order_body([(chips.product_id, 1)], phone="0899999999")
        )
        assert_problem(sold_out, 409)
        pool = runtime_of(sales_app).pool
        early = await expire_orders(ExpireOrders(now=now_bangkok()), PostgresOrdersUnitOfWork(pool))
        assert early == []
        later = now_bangkok() + timedelta(minutes=61)
        expired = await expire_orders(ExpireOrders(now=later), PostgresOrdersUnitOfWork(pool))
        assert [str(o) for o in expired] == [placed["order_id"]]
        assert await reserved(sales_app, chips.product_id) == (3, 0)
        seen = await client.get(
            f"/v1/public/shop/orders/{placed['order_id']}",
            headers={"X-Order-Code": placed["access_code"]},
        )
        assert seen.json()["state"] == "expired" and seen.json()["promptpay"] is None
        again = await expire_orders(ExpireOrders(now=later), PostgresOrdersUnitOfWork(pool))
        assert again == []
        # The units are for sale again.
        assert (
            await client.post(
                "/v1/public/shop/orders",
                json=order_body([(chips.product_id, 3)], phone="0899999999"),
            )
        ).status_code == 201
    [event] = await events_of(sales_app, "order.expired", placed["order_id"])
    assert "customer" not in event["data"]
    paid_late = await staff.post(
        f"/v1/shop/orders/{placed['order_id']}/payment", json={"amount": "75.00"}
    )
    assert assert_problem(paid_late, 409)["state"] == "expired"


async def test_the_sales_process_expiry_job_expires_orders_past_their_time(sales_app, staff):
    chips = await list_product(sales_app, "SK-EXP2", "25.00", stock=2)
    async with customer(sales_app) as client:
        placed = (
            await client.post("/v1/public/shop/orders", json=order_body([(chips.product_id, 2)]))
        ).json()
    runtime = runtime_of(sales_app)
    async with runtime.pool.acquire() as conn:
        await conn.execute(
            "UPDATE orders SET expires_at = now() - interval '1 minute' WHERE order_id = $1",
            uuid.UUID(placed["order_id"]),
        )
    step = await ORDER_EXPIRY.start(runtime)
    assert await step() == 1
    assert await step() == 0
    assert await reserved(sales_app, chips.product_id) == (2, 0)
