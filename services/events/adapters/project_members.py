"""Members as the registry copy kept here knows them, for a project's candidates: the active
ones with their listed products and the roles they hold on a day; and a project's rules."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from services.events.domain.projects import CandidateMember, CandidateProduct, SelectionRules
from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole

SELECT_RULES = "SELECT * FROM project_rules WHERE event_id = $1"

# Active members with their listed products and the roles they hold on the day, filtered
# by province; the rules' other tests are the domain's.
SELECT_MEMBERS = """
SELECT m.member_id, m.name_th, m.member_type, m.province_code,
       coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'product_id', p.product_id, 'name_th', p.name_th,
                    'segment', p.segment, 'stars', p.stars) ORDER BY p.product_id)
                 FROM products p WHERE p.member_id = m.member_id AND p.status = 'listed'),
                '[]') AS products,
       coalesce((SELECT array_agg(DISTINCT r.role) FROM member_roles r
                 WHERE r.member_id = m.member_id AND r.term_start <= $2 AND $2 < r.term_end),
                '{}') AS roles
FROM members m
WHERE m.status = 'active' AND m.erased_at IS NULL
  AND (cardinality($1::text[]) = 0 OR m.province_code = ANY($1::text[]))
  AND ($3::uuid IS NULL OR m.member_id = $3)
ORDER BY m.province_code, m.name_th, m.member_id
"""


def _member(row: asyncpg.Record) -> CandidateMember:
    products = row["products"]
    return CandidateMember(
        member_id=row["member_id"],
        name_th=row["name_th"],
        member_type=MemberType(row["member_type"]) if row["member_type"] else None,
        province_code=row["province_code"],
        products=tuple(
            CandidateProduct(
                product_id=uuid.UUID(p["product_id"]),
                name_th=p["name_th"],
                segment=DevelopmentSegment(p["segment"]) if p["segment"] else None,
                stars=p["stars"],
            )
            for p in products
        ),
        roles=frozenset(NetworkRole(r) for r in row["roles"]),
    )


async def rules_of(conn: asyncpg.Connection, event_id: uuid.UUID) -> SelectionRules | None:
    row = await conn.fetchrow(SELECT_RULES, event_id)
    if row is None:
        return None
    return SelectionRules(
        segments=frozenset(DevelopmentSegment(s) for s in row["segments"]),
        max_stars=row["max_stars"],
        network_roles=frozenset(NetworkRole(r) for r in row["network_roles"]),
        province_codes=frozenset(row["province_codes"]),
    )


async def active_members(
    conn: asyncpg.Connection,
    provinces: frozenset[str],
    on: date,
    member_id: uuid.UUID | None = None,
) -> list[CandidateMember]:
    rows = await conn.fetch(SELECT_MEMBERS, sorted(provinces), on, member_id)
    return [_member(r) for r in rows]
