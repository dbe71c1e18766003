"""Demo data for the sales service, loaded through its own API: the centre shop's terminal,
yesterday's day of sales uploaded as a backlog, and today's shift with a few sales, closed
with the counted cash (`data/sales_shop.json`). Products come from the registry's API and
must have reached this service's read model through Kafka first. Loads once: nothing happens
when a terminal exists.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from decimal import ROUND_UP, Decimal
from typing import Any

import httpx

from devstack.demo.client import DemoApi, DemoDataError, demo_api, demo_file, wait_until
from shared.timeutil import BANGKOK, now_bangkok

__all__ = ["DemoDataError", "load_demo_sales"]

SHOP: dict[str, Any] = demo_file("sales_shop.json")
OPENING_FLOAT = Decimal(SHOP["opening_float"])
CATALOGUE_PATIENCE = 120.0


async def _registry_products(api: DemoApi, registry: str) -> list[dict[str, Any]]:
    listed = {"status": "listed", "limit": 200}
    body = await api.call("GET", f"{registry}/v1/products", params=listed)
    products: list[dict[str, Any]] = body["items"]
    return sorted(products, key=lambda p: p["sku"])[: SHOP["products_wanted"]]


async def _wait_for_catalogue(api: DemoApi, sales: str, skus: set[str]) -> None:
    """Bounded polling until this service has learnt the products from Kafka."""

    async def learnt() -> bool:
        listed = await api.all_items(f"{sales}/v1/catalogue", status="listed", limit=500)
        return skus <= {p["sku"] for p in listed}

    await wait_until(
        learnt,
        patience=CATALOGUE_PATIENCE,
        where=f"{sales}/v1/catalogue",
        failure=lambda: (
            f"the sales service did not learn the products within {CATALOGUE_PATIENCE}s"
        ),
    )


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


async def _load(api: DemoApi, registry: str, sales: str) -> dict[str, int]:
    counts = {"terminals": 0, "sales": 0, "shifts": 0}
    existing = await api.call("GET", f"{sales}/v1/terminals", params={"limit": 1})
    if existing["items"]:
        return counts
    products = await _registry_products(api, registry)
    if not products:
        raise DemoDataError(
            "GET", f"{registry}/v1/products", 404, {"detail": "the registry lists no products"}
        )
    await _wait_for_catalogue(api, sales, {p["sku"] for p in products})
    terminal = await api.call("POST", f"{sales}/v1/terminals", SHOP["terminal"])
    counts["terminals"] = 1
    till = terminal["api_key"]
    rng = random.Random(SHOP["seed"])
    now = now_bangkok()

    # Yesterday, 08:00–18:00: the shop tablet uploads the day as one backlog.
    yesterday = now.date() - timedelta(days=1)
    opening = datetime.combine(yesterday, time(8), tzinfo=BANGKOK)
    moments = sorted(
        opening + timedelta(seconds=rng.randint(0, 10 * 3600))
        for _ in range(SHOP["sales_yesterday"])
    )
    backlog = [_sale(rng, products, at)[0] for at in moments]
    uploaded = await api.call("POST", f"{sales}/v1/sales/batch", {"sales": backlog}, token=till)
    counts["sales"] += uploaded["recorded"]

    # Today: a shift with a float, a few sales, closed with the counted cash.
    shift = await api.call(
        "POST", f"{sales}/v1/shifts", {"opening_float": SHOP["opening_float"]}, token=till
    )
    counts["shifts"] = 1
    cash_kept = Decimal(0)
    today = SHOP["sales_today"]
    for i in range(today):
        body, cash = _sale(rng, products, now_bangkok() - timedelta(seconds=today - i))
        await api.call("POST", f"{sales}/v1/sales", body, token=till)
        cash_kept += cash
        counts["sales"] += 1
    await api.call(
        "POST",
        f"{sales}/v1/shifts/{shift['shift_id']}/close",
        {"counted_cash": str(OPENING_FLOAT + cash_kept)},
        token=till,
    )
    return counts


async def load_demo_sales(
    client: httpx.AsyncClient, registry: str, sales: str, admin_token: str
) -> dict[str, int]:
    """Load the shop's terminal, sales and shift; returns how many of each were loaded."""
    async with demo_api(admin_token, client) as api:
        return await _load(api, registry, sales)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: products from the registry, sales into sales."""
    async with demo_api(admin_token) as api:
        return await _load(api, urls["registry"], urls["sales"])
