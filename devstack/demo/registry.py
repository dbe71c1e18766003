"""Demo members, products, star ratings and network roles, loaded through the registry's API.

The data (`data/registry_*.json`) looks like a provincial OTOP network's own: producer
groups, single owners and SMEs in Songkhla, Khon Kaen, Mukdahan and the southern provinces,
with products in the five OTOP categories typical of each area. Every site address uses real
DOPA codes (checked against geothai); people, phone numbers, e-mail addresses and
registration numbers are fictitious.

Loading goes only through the public HTTP API with the admin token, exactly as network staff
would enter it, so the registry publishes the usual events for everything loaded. It loads
once: when the registry already holds members, nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from devstack.demo.client import DemoApi, DemoDataError, demo_api, demo_file
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)

__all__ = ["MEMBERS", "ROLES", "DemoDataError", "load_demo_data"]


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name_th: str
    name_en: str
    category: ProductCategory
    unit: str
    price: str
    segment: DevelopmentSegment
    # The product's story, as the shop's catalogue tells it.
    description_th: str | None = None
    description_en: str | None = None
    certifications: tuple[dict[str, str], ...] = ()
    # (round_year, stars), oldest round first.
    ratings: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DemoProduct:
        return cls(
            **{
                **record,
                "category": ProductCategory(record["category"]),
                "segment": DevelopmentSegment(record["segment"]),
                "certifications": tuple(record.get("certifications", ())),
                "ratings": tuple((year, stars) for year, stars in record.get("ratings", ())),
            }
        )


@dataclass(frozen=True)
class DemoMember:
    key: str
    member_type: MemberType
    name_th: str
    name_en: str
    contact_name: str
    phone: str
    email: str | None
    line_id: str | None
    address_line: str
    province_code: str
    district_code: str
    subdistrict_code: str
    products: tuple[DemoProduct, ...]
    community_enterprise_no: str | None = None
    status: MemberStatus = MemberStatus.ACTIVE
    status_reason: str | None = None
    preferred_language: str = "th"

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DemoMember:
        return cls(
            **{
                **record,
                "member_type": MemberType(record["member_type"]),
                "products": tuple(DemoProduct.from_record(p) for p in record["products"]),
                "status": MemberStatus(record.get("status", MemberStatus.ACTIVE)),
            }
        )


@dataclass(frozen=True)
class DemoRole:
    member_key: str
    role: NetworkRole
    province_code: str
    term: tuple[date, date]
    district_code: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DemoRole:
        start, end = (date.fromisoformat(day) for day in record["term"])
        return cls(**{**record, "role": NetworkRole(record["role"]), "term": (start, end)})


# The hand-written members first, then the rest of the network (make_members.py writes it).
MEMBERS: tuple[DemoMember, ...] = tuple(
    DemoMember.from_record(m)
    for name in ("registry_members.json", "registry_members_network.json")
    for m in demo_file(name)
)
ROLES: tuple[DemoRole, ...] = tuple(
    DemoRole.from_record(r) for r in demo_file("registry_roles.json")
)
# The day each selection round's provincial committee rated the products.
ROUND_DAYS: dict[int, date] = {
    int(year): date.fromisoformat(day)
    for year, day in demo_file("registry_rating_rounds.json").items()
}


def _rating_note(round_year: int) -> str:
    return f"คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย ปี {round_year + 543}"


def member_body(member: DemoMember) -> dict[str, Any]:
    """The POST /v1/members body for one demo member."""
    return {
        "member_type": member.member_type,
        "name_th": member.name_th,
        "name_en": member.name_en,
        "contact": {
            "name": member.contact_name,
            "phone": member.phone,
            "email": member.email,
            "line_id": member.line_id,
        },
        "site": {
            "address_line": member.address_line,
            "province_code": member.province_code,
            "district_code": member.district_code,
            "subdistrict_code": member.subdistrict_code,
        },
        "community_enterprise": member.community_enterprise_no is not None,
        "community_enterprise_no": member.community_enterprise_no,
        "preferred_language": member.preferred_language,
    }


def product_body(product: DemoProduct) -> dict[str, Any]:
    """The POST /v1/members/{id}/products body for one demo product."""
    return {
        "sku": product.sku,
        "name_th": product.name_th,
        "name_en": product.name_en,
        "category": product.category,
        "unit": product.unit,
        "price": product.price,
        "certifications": [dict(c) for c in product.certifications],
        "segment": product.segment,
        "description_th": product.description_th,
        "description_en": product.description_en,
    }


async def _load_member(api: DemoApi, member: DemoMember, counts: dict[str, int]) -> str:
    created = await api.call("POST", "/v1/members", member_body(member))
    member_id: str = created["member_id"]
    counts["members"] += 1
    if member.status is not MemberStatus.PENDING:
        await api.call(
            "POST",
            f"/v1/members/{member_id}/status",
            {"status": "active", "reason": "ผ่านการตรวจคุณสมบัติสมาชิกเครือข่าย"},
        )
    for product in member.products:
        listed = await api.call("POST", f"/v1/members/{member_id}/products", product_body(product))
        counts["products"] += 1
        for round_year, stars in product.ratings:
            await api.call(
                "POST",
                f"/v1/products/{listed['product_id']}/ratings",
                {
                    "round_year": round_year,
                    "stars": stars,
                    "rated_on": ROUND_DAYS[round_year].isoformat(),
                    "note": _rating_note(round_year),
                },
            )
            counts["ratings"] += 1
    return member_id


async def _load(api: DemoApi) -> dict[str, int]:
    counts = {"members": 0, "products": 0, "ratings": 0, "roles": 0}
    existing = await api.call("GET", "/v1/members?limit=1")
    if existing["items"]:
        return counts
    member_ids = {member.key: await _load_member(api, member, counts) for member in MEMBERS}

    # Suspensions come last: a suspended member's products and ratings stay on record.
    for member in MEMBERS:
        if member.status not in (MemberStatus.ACTIVE, MemberStatus.PENDING):
            await api.call(
                "POST",
                f"/v1/members/{member_ids[member.key]}/status",
                {"status": member.status, "reason": member.status_reason},
            )

    contacts = {m.key: m.contact_name for m in MEMBERS}
    for role in ROLES:
        await api.call(
            "POST",
            "/v1/roles",
            {
                "member_id": member_ids[role.member_key],
                "person_name": contacts[role.member_key],
                "role": role.role,
                "province_code": role.province_code,
                "district_code": role.district_code,
                "term_start": role.term[0].isoformat(),
                "term_end": role.term[1].isoformat(),
            },
        )
        counts["roles"] += 1
    return counts


async def load_demo_data(
    base_url: str, admin_token: str, *, client: httpx.AsyncClient | None = None
) -> dict[str, int]:
    """Load the demo network through the registry's API; return how many of each were loaded.

    `client`, when given, is used as is (its base URL already points at the registry);
    otherwise a client for `base_url` is opened and closed here. When the registry already
    has members nothing is loaded and every count is 0. A refused request raises
    DemoDataError carrying the registry's problem document.
    """
    async with demo_api(admin_token, client, base_url) as api:
        return await _load(api)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: load into the registry at `urls["registry"]`."""
    return await load_demo_data(urls["registry"], admin_token)
