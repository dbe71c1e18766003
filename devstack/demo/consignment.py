"""Demo data for the shop's assortment and consignment stock, loaded through the sales
service's own API before the demo's sales: the committee approves the products the shop sells
(a few more stay proposed, one is declined), and each producer delivers them on consignment
with lots and best-before dates (one lot near its date), so the till and the website sell from
stock (`data/sales_consignment.json`). Loads once: nothing happens when the shop has an
assortment."""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import httpx

from devstack.demo.client import DemoApi, demo_api, demo_file
from devstack.demo.sales import SHOP, _registry_products, _wait_for_catalogue
from shared.timeutil import now_bangkok

PLAN: dict[str, Any] = demo_file("sales_consignment.json")
DATED = {"food", "beverages"}


def _best_before_days(category: str) -> int:
    days: dict[str, int] = PLAN["best_before_days"]
    return days.get(category, days["other"])


async def _propose(api: DemoApi, sales: str, product_id: str) -> None:
    body = {"product_id": product_id, "note": PLAN["proposal_note"]}
    await api.call("POST", f"{sales}/v1/shop/assortment", body)


async def _load(api: DemoApi, registry: str, sales: str) -> dict[str, int]:
    counts = {"approved products": 0, "consignment notes": 0, "units": 0}
    existing = await api.call("GET", f"{sales}/v1/shop/assortment", params={"limit": 1})
    if existing["items"]:
        return counts
    wanted = PLAN["products_wanted"]
    extra = PLAN["proposed_only"] + PLAN["declined"]
    listed = {"status": "listed", "limit": 200}
    every = sorted(
        (await api.call("GET", f"{registry}/v1/products", params=listed))["items"],
        key=lambda p: p["sku"],
    )
    sold = await _registry_products(api, registry)
    others = [p for p in every if p["sku"] not in {s["sku"] for s in sold}][:extra]
    await _wait_for_catalogue(api, sales, {p["sku"] for p in [*sold, *others]})
    for product in sold[:wanted]:
        await _propose(api, sales, product["product_id"])
        approve = {"low_stock_at": PLAN["low_stock_at"]}
        await api.call(
            "POST", f"{sales}/v1/shop/assortment/{product['product_id']}/approve", approve
        )
        counts["approved products"] += 1
    for n, product in enumerate(others):
        await _propose(api, sales, product["product_id"])
        if n < PLAN["declined"]:
            reason = {"reason": PLAN["decline_reason"]}
            await api.call(
                "POST", f"{sales}/v1/shop/assortment/{product['product_id']}/decline", reason
            )
    rng = random.Random(PLAN["seed"])
    today = now_bangkok().date()
    by_producer: dict[str, list[dict[str, Any]]] = {}
    for product in sold[:wanted]:
        by_producer.setdefault(product["member_id"], []).append(product)
    soon_given = False
    # Enough of each that the demo's sales (at most three products of three units each)
    # leave stock on every shelf, however few products there are.
    demo_sales = SHOP["sales_yesterday"] + SHOP["sales_today"]
    cover = -(-3 * demo_sales * min(3, len(sold)) // max(len(sold), 1))
    for n, (producer_id, products) in enumerate(sorted(by_producer.items())):
        delivered = now_bangkok() - timedelta(days=2, hours=n)
        lines = []
        for product in products:
            days = _best_before_days(product["category"])
            if product["category"] in DATED and not soon_given:
                days, soon_given = PLAN["expiring_soon_days"], True
            quantity = rng.choice(PLAN["quantities"]) + cover
            lines.append(
                {
                    "product_id": product["product_id"],
                    "quantity": quantity,
                    "lot_code": f"{delivered:%y%m%d}-{n + 1:02d}",
                    "best_before": str(today + timedelta(days=days)),
                }
            )
            counts["units"] += quantity
        note = {
            "note_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "producer_id": producer_id,
            "delivered_by": rng.choice(PLAN["delivered_by"]),
            "occurred_at": delivered.isoformat(),
            "lines": lines,
        }
        await api.call("POST", f"{sales}/v1/shop/consignments", note)
        counts["consignment notes"] += 1
    return counts


async def load_demo_consignment(
    client: httpx.AsyncClient, registry: str, sales: str, admin_token: str
) -> dict[str, int]:
    """Load the shop's assortment and stock; returns how many of each were loaded."""
    async with demo_api(admin_token, client) as api:
        return await _load(api, registry, sales)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: the registry's products into the shop's stock."""
    async with demo_api(admin_token) as api:
        return await _load(api, urls["registry"], urls["sales"])
