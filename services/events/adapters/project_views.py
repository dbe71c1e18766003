"""What staff read of a development project: its budget, candidates, grants with their
disbursements, plans with the products' ratings before and after, KBO nominations."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

import asyncpg

from services.events.adapters.project_members import active_members, rules_of
from services.events.domain.projects import Rating, SelectionRules, reasons_chosen, stars_after

SELECT_MONEY = """
SELECT coalesce(sum(amount_satang), 0) AS allocated,
       coalesce(sum(disbursed_satang), 0) AS disbursed,
       count(*) AS grants,
       (SELECT coalesce(sum(amount_satang), 0) FROM event_expenses WHERE event_id = $1) AS spent
FROM project_grants WHERE event_id = $1
"""
SELECT_OPEN_REGISTRATIONS = """
SELECT member_id, registration_id, status, quota FROM registrations
WHERE event_id = $1 AND status <> 'cancelled'
"""
SELECT_GRANTS = """
SELECT g.*, m.name_th AS member_name_th, m.member_type, m.province_code
FROM project_grants g LEFT JOIN members m USING (member_id)
WHERE g.event_id = $1 ORDER BY g.allocated_at, g.grant_id
"""
SELECT_DISBURSEMENTS = """
SELECT d.* FROM grant_disbursements d JOIN project_grants g USING (grant_id)
WHERE g.event_id = $1 ORDER BY d.recorded_at, d.disbursement_id
"""
SELECT_PLANS = """
SELECT pp.product_id, pp.member_id, pp.stars_before, pp.segment, pp.recorded_at,
       p.name_th AS product_name_th, p.sku, m.name_th AS member_name_th, m.province_code,
       d.goal_th, d.goal_en, d.actions, d.target_stars, d.version, d.recorded_by,
       d.recorded_at AS plan_recorded_at
FROM project_products pp
LEFT JOIN products p USING (product_id)
LEFT JOIN members m ON m.member_id = pp.member_id
LEFT JOIN development_plans d ON d.event_id = pp.event_id AND d.product_id = pp.product_id
WHERE pp.event_id = $1
ORDER BY m.province_code, m.name_th, pp.product_id
"""
SELECT_RATINGS = """
SELECT r.product_id, r.current_stars, r.version, r.received_at
FROM product_ratings r JOIN project_products pp USING (product_id)
WHERE pp.event_id = $1
"""
SELECT_NOMINATIONS = """
SELECT n.*, p.name_th AS product_name_th, m.name_th AS member_name_th,
       k.name_th AS nominated_by_name_th
FROM kbo_nominations n
LEFT JOIN products p USING (product_id)
LEFT JOIN members m ON m.member_id = n.member_id
LEFT JOIN members k ON k.member_id = n.nominated_by_member_id
WHERE n.event_id = $1 ORDER BY n.province_code
"""


async def rules(conn: asyncpg.Connection, event_id: uuid.UUID) -> SelectionRules | None:
    return await rules_of(conn, event_id)


async def money(conn: asyncpg.Connection, event_id: uuid.UUID) -> asyncpg.Record:
    return await conn.fetchrow(SELECT_MONEY, event_id)


async def candidates(
    conn: asyncpg.Connection, event_id: uuid.UUID, rules: SelectionRules, on: date
) -> list[dict[str, Any]]:
    """The members the rules take, each with why and its registration for the project."""
    registered = {r["member_id"]: r for r in await conn.fetch(SELECT_OPEN_REGISTRATIONS, event_id)}
    found = []
    for member in await active_members(conn, rules.province_codes, on):
        reasons = reasons_chosen(rules, member)
        if not reasons:
            continue
        registration = registered.get(member.member_id)
        found.append(
            {
                "member": member,
                "reasons": reasons,
                "registration_id": registration["registration_id"] if registration else None,
                "registration_status": registration["status"] if registration else None,
                "quota": registration["quota"] if registration else None,
            }
        )
    return found


async def grants(conn: asyncpg.Connection, event_id: uuid.UUID) -> list[dict[str, Any]]:
    paid: dict[uuid.UUID, list[asyncpg.Record]] = defaultdict(list)
    for row in await conn.fetch(SELECT_DISBURSEMENTS, event_id):
        paid[row["grant_id"]].append(row)
    return [
        {"grant": row, "disbursements": paid[row["grant_id"]]}
        for row in await conn.fetch(SELECT_GRANTS, event_id)
    ]


async def plans(
    conn: asyncpg.Connection, event_id: uuid.UUID, ends_at: Any
) -> list[dict[str, Any]]:
    ratings: dict[uuid.UUID, list[Rating]] = defaultdict(list)
    for r in await conn.fetch(SELECT_RATINGS, event_id):
        ratings[r["product_id"]].append(Rating(r["current_stars"], r["version"], r["received_at"]))
    return [
        {"row": row, "stars_after": stars_after(ratings[row["product_id"]], ends_at)}
        for row in await conn.fetch(SELECT_PLANS, event_id)
    ]


async def nominations(conn: asyncpg.Connection, event_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(SELECT_NOMINATIONS, event_id)
