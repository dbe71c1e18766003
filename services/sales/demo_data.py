"""Demo data for the sales service, loaded through its own API: the centre shop's terminal,
yesterday's day of sales uploaded as a backlog, and today's shift with a few sales, closed
with the counted cash. Products come from the registry's API and must have reached this
service's read model through Kafka first. Loads once: nothing happens when a terminal exists.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from decimal import ROUND_UP, Decimal
from typing import Any

import httpx

from shared.timeutil import BANGKOK, now_bangkok

SHOP_TERMINAL = "เครื่องขายหน้าร้าน ศูนย์ OTOP จังหวัด 1"
PRODUCTS_WANTED = 30
SALES_YESTERDAY = 40
SALES_TODAY = 8
OPENING_FLOAT = Decimal("2000.00")


class DemoDataError(RuntimeError):
    pass


async def _call(client: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> Any:
    response = await client.request(method, url, **kwargs)
    if response.status_code >= 300:
        raise DemoDataError(f"{method} {url} answered {response.status_code}: {response.text}")
    return response.json()


async def _registry_products(
    client: httpx.AsyncClient, registry: str, staff: dict[str, str]
) -> list[dict[str, Any]]:
    body = await _call(
        client,
        "GET",
        f"{registry}/v1/products",
        params={"status": "listed", "limit": 200},
        headers=staff,
    )
    products: list[dict[str, Any]] = body["items"]
    return sorted(products, key=lambda p: p["sku"])[:PRODUCTS_WANTED]


async def _catalogue_skus(client: httpx.AsyncClient, sales: str, staff: dict[str, str]) -> set[str]:
    """Every listed SKU of this service's catalogue, page after page."""
    skus: set[str] = set()
    cursor: str | None = None
    while True:
        params = {"status": "listed", "limit": 500, **({"cursor": cursor} if cursor else {})}
        body = await _call(client, "GET", f"{sales}/v1/catalogue", params=params, headers=staff)
        skus.update(p["sku"] for p in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return skus


async def _wait_for_catalogue(
    client: httpx.AsyncClient,
    sales: str,
    staff: dict[str, str],
    skus: set[str],
    patience: float = 120.0,
) -> None:
    """Bounded polling until this service has learnt the products from Kafka."""
    deadline = asyncio.get_running_loop().time() + patience
    while True:
        if skus <= await _catalogue_skus(client, sales, staff):
            return
        if asyncio.get_running_loop().time() > deadline:
            raise DemoDataError(f"the sales service did not learn the products within {patience}s")
        await asyncio.sleep(0.5)


def _sale(
    rng: random.Random, products: list[dict[str, Any]], at: datetime
) -> tuple[dict[str, Any], Decimal]:
    chosen = rng.sample(products, rng.randint(1, min(3, len(products))))
    lines = [
        {"sku": p["sku"], "quantity": rng.choice([1, 1, 1, 2, 3]), "unit_price": p["price"]}
        for p in chosen
    ]
    total = sum(Decimal(ln["unit_price"]) * ln["quantity"] for ln in lines)
    method = rng.choice(["cash", "cash", "promptpay", "card"])
    if method == "cash":
        tendered = (total / 100).to_integral_value(rounding=ROUND_UP) * 100
        payments = [{"method": "cash", "amount": str(tendered)}]
    else:
        payments = [{"method": method, "amount": str(total)}]
        tendered = Decimal(0)
    body = {
        "sale_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "occurred_at": at.isoformat(),
        "lines": lines,
        "payments": payments,
    }
    return body, (total if method == "cash" else Decimal(0))


async def load_demo_sales(
    client: httpx.AsyncClient, registry: str, sales: str, admin_token: str
) -> dict[str, int]:
    counts = {"terminals": 0, "sales": 0, "shifts": 0}
    staff = {"Authorization": f"Bearer {admin_token}"}
    existing = await _call(
        client, "GET", f"{sales}/v1/terminals", params={"limit": 1}, headers=staff
    )
    if existing["items"]:
        return counts
    products = await _registry_products(client, registry, staff)
    if not products:
        raise DemoDataError("the registry lists no products to sell")
    await _wait_for_catalogue(client, sales, staff, {p["sku"] for p in products})
    terminal = await _call(
        client,
        "POST",
        f"{sales}/v1/terminals",
        headers=staff,
        json={"name": SHOP_TERMINAL, "location": "shop"},
    )
    counts["terminals"] = 1
    till = {"Authorization": f"Bearer {terminal['api_key']}"}
    rng = random.Random(20261121)
    now = now_bangkok()

    # Yesterday, 08:00–18:00: the shop tablet uploads the day as one backlog.
    yesterday = now.date() - timedelta(days=1)
    opening = datetime.combine(yesterday, time(8), tzinfo=BANGKOK)
    moments = sorted(
        opening + timedelta(seconds=rng.randint(0, 10 * 3600)) for _ in range(SALES_YESTERDAY)
    )
    backlog = [_sale(rng, products, at)[0] for at in moments]
    uploaded = await _call(
        client, "POST", f"{sales}/v1/sales/batch", headers=till, json={"sales": backlog}
    )
    counts["sales"] += uploaded["recorded"]

    # Today: a shift with a float, a few sales, closed with the counted cash.
    shift = await _call(
        client, "POST", f"{sales}/v1/shifts", headers=till, json={"opening_float": "2000.00"}
    )
    counts["shifts"] = 1
    cash_kept = Decimal(0)
    for i in range(SALES_TODAY):
        body, cash = _sale(rng, products, now_bangkok() - timedelta(seconds=SALES_TODAY - i))
        await _call(client, "POST", f"{sales}/v1/sales", headers=till, json=body)
        cash_kept += cash
        counts["sales"] += 1
    await _call(
        client,
        "POST",
        f"{sales}/v1/shifts/{shift['shift_id']}/close",
        headers=till,
        json={"counted_cash": str(OPENING_FLOAT + cash_kept)},
    )
    return counts


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: products from the registry, sales into sales."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(30.0)) as client:
        return await load_demo_sales(client, urls["registry"], urls["sales"], admin_token)
