"""Realistic data loaded through the services' APIs: members with products in the registry
(learnt by sales and events from the broker), terminals with keys and open shifts."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bench.client import Api, bounded, wait_until

PROVINCES = [("90", "9011", "901103"), ("10", "1001", "100101"), ("50", "5001", "500101")]
CATEGORIES = [
    "food",
    "beverages",
    "textiles_and_clothing",
    "household_decorative_souvenir",
    "non_food_herbal",
]


@dataclass
class Dataset:
    member_ids: list[str] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)  # sku, price, product/member id
    terminals: list[dict[str, Any]] = field(default_factory=list)  # terminal_id, api_key, shift


def member_body(n: int, rng: random.Random) -> dict[str, Any]:
    province, district, subdistrict = rng.choice(PROVINCES)
    return {
        "member_type": "community_group",
        "name_th": f"กลุ่มวิสาหกิจชุมชนทดสอบ {n}",
        "name_en": f"Bench community group {n}",
        "contact": {
            "name": f"นางทดสอบ {n}",
            "phone": f"08{n % 100_000_000:08d}",
            "email": f"member{n}@example.org",
            "line_id": f"member.{n}",
        },
        "site": {
            "address_line": f"{n} หมู่ 3",
            "province_code": province,
            "district_code": district,
            "subdistrict_code": subdistrict,
        },
        "community_enterprise": False,
        "preferred_language": "th",
    }


def product_body(member: int, n: int, rng: random.Random) -> dict[str, Any]:
    return {
        "sku": f"SK-B{member:04d}-{n:03d}",
        "name_th": f"สินค้าทดสอบ {member}-{n}",
        "name_en": f"Bench product {member}-{n}",
        "category": rng.choice(CATEGORIES),
        "unit": "ชิ้น",
        "price": f"{rng.randint(1500, 150000) / 100:.2f}",
        "certifications": [],
        "segment": "B",
    }


async def load_registry(api: Api, registry: str, members: int, products_each: int) -> Dataset:
    rng = random.Random(12)
    data = Dataset()

    async def one(n: int) -> None:
        created = await api.call("POST", f"{registry}/v1/members", member_body(n, rng))
        member_id = created["member_id"]
        await api.call(
            "POST",
            f"{registry}/v1/members/{member_id}/status",
            {"status": "active", "reason": "ผ่านการตรวจคุณสมบัติ"},
        )
        data.member_ids.append(member_id)
        for p in range(products_each):
            body = product_body(n, p, rng)
            listed = await api.call("POST", f"{registry}/v1/members/{member_id}/products", body)
            data.products.append(
                {
                    "sku": body["sku"],
                    "price": body["price"],
                    "member_id": member_id,
                    "product_id": listed["product_id"],
                }
            )

    await bounded(range(members), one, 16)
    return data


async def wait_for_read_models(api: Api, urls: dict[str, str], data: Dataset) -> dict[str, float]:
    """Until sales knows every product and events every member as active."""
    wanted = {p["sku"] for p in data.products}

    async def catalogue_complete() -> bool:
        seen: set[str] = set()
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"status": "listed", "limit": 500}
            if cursor:
                params["cursor"] = cursor
            page = await api.call("GET", f"{urls['sales']}/v1/catalogue", params=params)
            seen |= {p["sku"] for p in page["items"]}
            cursor = page.get("next_cursor")
            if not cursor:
                return wanted <= seen

    pending = list(data.member_ids)

    async def members_active() -> bool:
        async def known(member_id: str) -> bool:
            status = await api.call(
                "GET", f"{urls['events']}/v1/members/{member_id}", ok=(200, 404)
            )
            return bool(status) and status.get("status") == "active"

        answers = await bounded(pending, known, 20)
        pending[:] = [m for m, ok in zip(pending, answers, strict=True) if not ok]
        return not pending

    return {
        "sales_catalogue_s": await wait_until(catalogue_complete, 600, "the sales catalogue"),
        "events_members_s": await wait_until(members_active, 600, "the events read model"),
    }


async def stock_the_shop(api: Api, sales: str, data: Dataset) -> None:
    """The shop approves every product and each producer delivers plenty of each on
    consignment, so the bench's live sales are never short of stock."""
    best_before = (date.today() + timedelta(days=365)).isoformat()
    by_member: dict[str, list[str]] = {}
    for product in data.products:
        by_member.setdefault(product["member_id"], []).append(product["product_id"])

    async def approve(product_id: str) -> None:
        await api.call("POST", f"{sales}/v1/shop/assortment", {"product_id": product_id}, ok=(201,))
        await api.call("POST", f"{sales}/v1/shop/assortment/{product_id}/approve", {})

    async def deliver(member_id: str) -> None:
        lines = [
            {"product_id": p, "quantity": 100_000, "lot_code": "BENCH-1"}
            | {"best_before": best_before}
            for p in by_member[member_id]
        ]
        note = {
            "note_id": str(uuid.uuid4()),
            "producer_id": member_id,
            "delivered_by": "bench",
            "lines": lines,
        }
        await api.call("POST", f"{sales}/v1/shop/consignments", note, ok=(201,))

    await bounded([p["product_id"] for p in data.products], approve, 8)
    await bounded(list(by_member), deliver, 8)


async def open_terminals(api: Api, sales: str, count: int, data: Dataset) -> None:
    async def one(n: int) -> None:
        terminal = await api.call(
            "POST", f"{sales}/v1/terminals", {"name": f"bench {n}", "location": "shop"}
        )
        shift = await api.call(
            "POST", f"{sales}/v1/shifts", {"opening_float": "1000.00"}, token=terminal["api_key"]
        )
        data.terminals.append(
            {
                "terminal_id": terminal["terminal_id"],
                "api_key": terminal["api_key"],
                "shift_id": shift["shift_id"],
            }
        )

    await bounded(range(count), one, 8)
