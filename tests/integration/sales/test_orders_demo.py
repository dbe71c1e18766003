"""The demo's online orders: one in each state, placed once."""

from __future__ import annotations

import httpx

from devstack.demo.client import demo_api
from devstack.demo.orders import ORDERS, _load
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.tills import list_product


async def test_the_demo_places_orders_in_each_state_once(sales_app, staff):
    for i in range(3):
        await list_product(sales_app, f"SK-DEMO{i}", "150.00", stock=20)
    transport = httpx.ASGITransport(app=sales_app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://sales") as client,
        demo_api(ADMIN_TOKEN, client) as api,
    ):
        assert await _load(api, "http://sales") == {"orders": len(ORDERS)}
        assert await _load(api, "http://sales") == {"orders": 0}
    counts = (await staff.get("/v1/shop/orders")).json()["counts"]
    assert counts == {
        "placed": 1,
        "paid": 1,
        "packed": 1,
        "shipped": 1,
        "completed": 1,
        "cancelled": 1,
    }


async def test_the_demo_places_nothing_when_nothing_is_in_stock(sales_app, staff):
    await list_product(sales_app, "SK-DEMO9", "150.00", stock=None)
    transport = httpx.ASGITransport(app=sales_app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://sales") as client,
        demo_api(ADMIN_TOKEN, client) as api,
    ):
        assert await _load(api, "http://sales") == {"orders": 0}
