"""Read-side queries of communities: the staff lists and the public pages (active
communities, their active producers and listed products only)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from services.registry.adapters.communities import SELECT_COMMUNITY, community_from_row
from services.registry.domain.communities import Community
from shared.money import from_satang

SELECT_COMMUNITIES = """
SELECT c.*, ARRAY(SELECT cm.member_id FROM community_members cm
                  WHERE cm.community_id = c.community_id
                  ORDER BY cm.joined_at, cm.member_id) AS member_ids
FROM communities c
WHERE ($1::text IS NULL OR c.province_code = $1)
  AND ($2::text IS NULL OR c.district_code = $2)
  AND ($3::text IS NULL OR c.status = $3)
  AND ($4::uuid IS NULL OR EXISTS (
        SELECT 1 FROM community_members cm
        WHERE cm.community_id = c.community_id AND cm.member_id = $4))
ORDER BY c.province_code, c.district_code, c.name_th, c.community_id
LIMIT $5
"""
# Producers shown on a public page: active members whose data is held.
SELECT_PUBLIC_PRODUCERS = """
SELECT m.member_id, m.name_th, m.name_en, m.member_type
FROM community_members cm JOIN members m ON m.member_id = cm.member_id
WHERE cm.community_id = $1 AND m.status = 'active' AND m.erased_at IS NULL
ORDER BY cm.joined_at, m.member_id
"""
COUNT_PUBLIC_PRODUCERS = """
SELECT cm.community_id, count(*) AS producers
FROM community_members cm JOIN members m ON m.member_id = cm.member_id
WHERE cm.community_id = ANY($1::uuid[]) AND m.status = 'active' AND m.erased_at IS NULL
GROUP BY cm.community_id
"""
SELECT_LISTED_PRODUCTS = """
SELECT product_id, member_id, name_th, name_en, category, unit, price_satang, stars
FROM products
WHERE member_id = ANY($1::uuid[]) AND status = 'listed'
ORDER BY name_th, product_id
"""

MAX_COMMUNITIES = 500


@dataclass(frozen=True)
class PublicProduct:
    product_id: uuid.UUID
    name_th: str
    name_en: str | None
    category: str
    unit: str
    price: Decimal
    stars: int | None


@dataclass(frozen=True)
class Producer:
    member_id: uuid.UUID
    name_th: str
    name_en: str | None
    member_type: str
    products: list[PublicProduct]


async def list_communities(
    conn: asyncpg.Connection,
    *,
    province: str | None = None,
    district: str | None = None,
    status: str | None = None,
    member_id: uuid.UUID | None = None,
) -> list[Community]:
    rows = await conn.fetch(
        SELECT_COMMUNITIES, province, district, status, member_id, MAX_COMMUNITIES
    )
    return [community_from_row(r) for r in rows]


async def get_community(conn: asyncpg.Connection, community_id: uuid.UUID) -> Community | None:
    row = await conn.fetchrow(SELECT_COMMUNITY, community_id)
    return community_from_row(row) if row else None


async def public_producer_counts(
    conn: asyncpg.Connection, community_ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """{community id: how many producers its public page shows}."""
    rows = await conn.fetch(COUNT_PUBLIC_PRODUCERS, community_ids)
    return {r["community_id"]: r["producers"] for r in rows}


async def public_producers(conn: asyncpg.Connection, community_id: uuid.UUID) -> list[Producer]:
    members = await conn.fetch(SELECT_PUBLIC_PRODUCERS, community_id)
    products = await conn.fetch(SELECT_LISTED_PRODUCTS, [m["member_id"] for m in members])
    by_member: dict[uuid.UUID, list[PublicProduct]] = {}
    for p in products:
        by_member.setdefault(p["member_id"], []).append(
            PublicProduct(
                product_id=p["product_id"],
                name_th=p["name_th"],
                name_en=p["name_en"],
                category=p["category"],
                unit=p["unit"],
                price=from_satang(p["price_satang"]),
                stars=p["stars"],
            )
        )
    return [
        Producer(
            member_id=m["member_id"],
            name_th=m["name_th"],
            name_en=m["name_en"],
            member_type=m["member_type"],
            products=by_member.get(m["member_id"], []),
        )
        for m in members
    ]
