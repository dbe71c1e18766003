"""Demo data for the shop's online orders, placed through the public API as customers would
and moved on through the staff API: one waiting for its payment, one paid, one packed, one
sent by post with its tracking number, one collected and completed, one cancelled at its
customer's request. Products come from the public catalogue (approved, in stock), so this
runs after the shop's consignment stock is loaded; with nothing in stock it loads nothing.
Loads once: nothing happens when the shop has orders."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from devstack.demo.client import DemoApi, demo_api

# Ids derived from the demo's own namespace: the demo places the same orders every time.
DEMO_ORDERS = uuid.UUID("5c1f0e2a-7d3b-4c8e-9a61-2b4d6f8e0a13")
ADDRESS = {
    "recipient": "วิไลวรรณ ศรีสุข",
    "lines": ["88/12 หมู่ 4 ถนนมิตรภาพ", "ตำบลศิลา อำเภอเมืองขอนแก่น"],
    "province": "ขอนแก่น",
    "postal_code": "40000",
}
# (customer name, phone, e-mail, fulfilment, the states it is moved through)
ORDERS: tuple[tuple[str, str | None, str | None, str, tuple[str, ...]], ...] = (
    ("สุดารัตน์ มีสุข", "0810000001", None, "pickup", ()),
    ("ประเสริฐ ทองดี", "0810000002", "prasert@example.com", "pickup", ("payment",)),
    ("อรุณี แก้วใส", None, "arunee@example.com", "pickup", ("payment", "pack")),
    ("วิไลวรรณ ศรีสุข", "0810000004", None, "post", ("payment", "pack", "ship")),
    ("สมชาย ใจงาม", "0810000005", None, "pickup", ("payment", "pack", "hand-over", "complete")),
    ("กนกพร บุญมา", "0810000006", None, "pickup", ("cancel",)),
)


async def _in_stock(api: DemoApi, sales: str) -> list[dict[str, Any]]:
    items = await api.all_items(f"{sales}/v1/public/shop/catalogue", limit=100)
    return sorted((p for p in items if p["available"]), key=lambda p: p["sku"])


def _body(n: int, products: list[dict[str, Any]], order: tuple[Any, ...]) -> dict[str, Any]:
    name, phone, email, fulfilment, _ = order
    chosen = [products[(n + i) % len(products)] for i in range(1 + n % 2)]
    body: dict[str, Any] = {
        "order_id": str(uuid.uuid5(DEMO_ORDERS, str(n))),
        "customer": {"name": name, "phone": phone, "email": email},
        "fulfilment": fulfilment,
        "lines": [{"product_id": p["product_id"], "quantity": 1} for p in chosen],
    }
    if fulfilment == "post":
        body["address"] = ADDRESS
    return body


async def _move(api: DemoApi, sales: str, placed: dict[str, Any], steps: tuple[str, ...]) -> None:
    order = f"{sales}/v1/shop/orders/{placed['order_id']}"
    for step in steps:
        if step == "payment":
            body: Any = {"amount": str(Decimal(placed["total"])), "reference": "DEMO"}
        elif step == "ship":
            body = {"carrier": "ไปรษณีย์ไทย", "tracking_no": "EY123456789TH"}
        elif step == "cancel":
            body = {"reason": "ลูกค้าแจ้งยกเลิก สั่งซ้ำ"}
        else:
            body = None
        await api.call("POST", f"{order}/{step}", body)


async def _load(api: DemoApi, sales: str) -> dict[str, int]:
    counts = {"orders": 0}
    existing = await api.call("GET", f"{sales}/v1/shop/orders", params={"limit": 1})
    if existing["items"]:
        return counts
    products = await _in_stock(api, sales)
    if not products:
        return counts
    for n, order in enumerate(ORDERS):
        placed = await api.call("POST", f"{sales}/v1/public/shop/orders", _body(n, products, order))
        await _move(api, sales, placed, order[4])
        counts["orders"] += 1
    return counts


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: orders placed and moved on at the sales service."""
    async with demo_api(admin_token) as api:
        return await _load(api, urls["sales"])
