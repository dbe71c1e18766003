"""The shop's world before the load starts: producers and their products in the registry
(known to sales and events from the registry's topics), showcases open for registration,
terminals with their keys and open shifts."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx

from shared.timeutil import BANGKOK, now_bangkok
from tests.conftest import ADMIN_TOKEN
from tests.faults.stack import FaultStack
from tests.integration.registry.payloads import member_payload, product_payload

STAFF = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
SUBDISTRICTS = (("9011", "901103"), ("9001", "900106"), ("9011", "901101"))
CATEGORIES = ("textiles_and_clothing", "household_decorative_souvenir")


@dataclass(frozen=True)
class Product:
    sku: str
    producer_id: str
    price: Decimal
    product_id: str


@dataclass(frozen=True)
class Terminal:
    terminal_id: str
    api_key: str
    offline: bool


@dataclass
class World:
    tag: str
    producers: list[str]
    products: list[Product]
    showcases: list[str]
    terminals: list[Terminal] = field(default_factory=list)
    rating_rounds: int = 0  # selection rounds rated so far (one rating per product each)


async def _ok(call: Any, status: int = 200, attempts: int = 30) -> Any:
    """Set-up calls are retried too: the world is built before any fault, but a restarted
    test stack may still be warming up."""
    last = ""
    for _ in range(attempts):
        try:
            response: httpx.Response = await call()
        except httpx.HTTPError as error:
            last = repr(error)
        else:
            if response.status_code == status:
                return response.json()
            last = f"{response.status_code} {response.text[:300]}"
            if response.status_code < 500:
                break
        await asyncio.sleep(0.5)
    raise AssertionError(f"set-up call failed: {last}")


async def every_item(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list the services answer in cursor pages, page after page."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": 500, **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, params=query)
        response.raise_for_status()
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def _poll(check: Any, timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        try:
            if await check():
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.3)
    raise AssertionError(f"{what} not within {timeout}s")


async def build_world(
    stack: FaultStack, producers: int = 6, products_each: int = 2, showcases: int = 2
) -> World:
    tag = uuid.uuid4().hex[:6]
    timeout = httpx.Timeout(20)
    async with (
        httpx.AsyncClient(base_url=stack.url("registry"), headers=STAFF, timeout=timeout) as reg,
        httpx.AsyncClient(base_url=stack.url("events"), headers=STAFF, timeout=timeout) as ev,
        httpx.AsyncClient(base_url=stack.url("sales"), headers=STAFF, timeout=timeout) as sales,
    ):
        members: list[str] = []
        catalogue: list[Product] = []
        for i in range(producers):
            district, subdistrict = SUBDISTRICTS[i % len(SUBDISTRICTS)]
            payload = member_payload(
                name_th=f"กลุ่มผู้ผลิตทดสอบ {tag} {i}",
                name_en=f"Fault suite producers {tag} {i}",
                contact={
                    "name": f"ผู้ประสานงาน {i}",
                    "phone": f"08{i:08d}",
                    "email": f"p{i}-{tag}@example.org",
                    "line_id": f"U{tag}{i:04d}",
                },
                site={
                    "address_line": f"{i + 1} หมู่ 1",
                    "province_code": "90",
                    "district_code": district,
                    "subdistrict_code": subdistrict,
                },
                community_enterprise_no=f"{district}-{i:04d}",
            )
            member = await _ok(lambda p=payload: reg.post("/v1/members", json=p), 201)
            member_id = str(member["member_id"])
            for j in range(products_each):
                price = Decimal(f"{35 + 17 * i + 5 * j}.{(25 * j + 5 * i) % 100:02d}")
                body = product_payload(
                    sku=f"F{tag}-{i}-{j}",
                    name_th=f"สินค้าทดสอบ {i}-{j}",
                    name_en=f"Test product {i}-{j}",
                    category=CATEGORIES[(i + j) % len(CATEGORIES)],
                    price=str(price),
                    certifications=[],
                )
                listed = await _ok(
                    lambda b=body, m=member_id: reg.post(f"/v1/members/{m}/products", json=b),
                    201,
                )
                catalogue.append(
                    Product(listed["sku"], member_id, price, str(listed["product_id"]))
                )
            await _ok(
                lambda m=member_id: reg.post(f"/v1/members/{m}/status", json={"status": "active"})
            )
            members.append(member_id)

        skus = {p.sku for p in catalogue}

        async def sales_sells_them() -> bool:
            items = await every_item(sales, "/v1/catalogue", status="listed")
            return skus <= {p["sku"] for p in items}

        async def events_knows_them() -> bool:
            for member_id in members:
                found = await ev.get(f"/v1/members/{member_id}")
                if found.status_code != 200 or found.json()["status"] != "active":
                    return False
                if found.json()["listed_products"] < products_each:
                    return False
            return True

        await _poll(sales_sells_them, 90, "sales' catalogue listing every product")
        await stock_the_shop(sales, catalogue)
        await _poll(events_knows_them, 90, "events knowing every producer as active")

        events: list[str] = []
        start = datetime.combine(now_bangkok().date() + timedelta(days=30), time(10), BANGKOK)
        for k in range(showcases):
            body = {
                "kind": "showcase",
                "title_th": f"มหกรรมสินค้า OTOP ทดสอบ {tag} {k}",
                "host_province_code": "90",
                "venue_th": "ศูนย์ประชุมนานาชาติฉลองสิริราชสมบัติครบ 60 ปี",
                "starts_at": (start + timedelta(days=k)).isoformat(),
                "ends_at": (start + timedelta(days=k, hours=8)).isoformat(),
                "registration_opens_at": now_bangkok().isoformat(),
                "registration_closes_at": (start - timedelta(days=2)).isoformat(),
                "capacity": max(1, producers // 2),
            }
            event = await _ok(lambda b=body: ev.post("/v1/events", json=b), 201)
            await _ok(lambda e=event["event_id"]: ev.post(f"/v1/events/{e}/publish"))
            events.append(str(event["event_id"]))
        return World(tag, members, catalogue, events)


async def stock_the_shop(sales: httpx.AsyncClient, catalogue: list[Product]) -> None:
    """The shop approves every product and takes in plenty of each (one lot per producer's
    delivery), so the load's live sales are never short."""
    best_before = (now_bangkok().date() + timedelta(days=365)).isoformat()
    by_producer: dict[str, list[Product]] = {}
    for product in catalogue:
        by_producer.setdefault(product.producer_id, []).append(product)
        pid = product.product_id
        await _ok(lambda p=pid: sales.post("/v1/shop/assortment", json={"product_id": p}), 201)
        await _ok(lambda p=pid: sales.post(f"/v1/shop/assortment/{p}/approve", json={}))
    for producer_id, products in by_producer.items():
        note = {
            "note_id": str(uuid.uuid4()),
            "producer_id": producer_id,
            "delivered_by": "ผู้ส่งของทดสอบ",
            "lines": [
                {
                    "product_id": p.product_id,
                    "quantity": 100_000,
                    "lot_code": "FAULT-1",
                    "best_before": best_before,
                }
                for p in products
            ],
        }
        await _ok(lambda b=note: sales.post("/v1/shop/consignments", json=b), 201)


async def open_terminals(stack: FaultStack, world: World, online: int, offline: int) -> None:
    async with httpx.AsyncClient(
        base_url=stack.url("sales"), headers=STAFF, timeout=httpx.Timeout(20)
    ) as sales:
        for n in range(online + offline):
            body = {"name": f"เครื่องขาย {world.tag} {n}", "location": "shop"}
            made = await _ok(lambda b=body: sales.post("/v1/terminals", json=b), 201)
            terminal = Terminal(str(made["terminal_id"]), made["api_key"], offline=n >= online)
            if not terminal.offline:
                till = {"Authorization": f"Bearer {terminal.api_key}"}
                await _ok(
                    lambda h=till: sales.post(
                        "/v1/shifts", json={"opening_float": "1000.00"}, headers=h
                    ),
                    201,
                )
            world.terminals.append(terminal)
