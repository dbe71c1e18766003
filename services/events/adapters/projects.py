"""Development projects on Postgres: rules, participants' products with their rating at
selection, grants and disbursements, plans, KBO nominations; candidates from the registry
copy kept here."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg

from services.events.adapters.project_members import active_members, rules_of
from services.events.domain.projects import CandidateMember, SelectionRules
from shared.contracts.development import ProductBefore, RecipientKind
from shared.contracts.registry import MemberType, NetworkRole
from shared.errors import Conflict

UPSERT_RULES = """
INSERT INTO project_rules (event_id, segments, max_stars, network_roles, province_codes)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (event_id) DO UPDATE SET segments = $2, max_stars = $3, network_roles = $4,
    province_codes = $5, updated_at = now()
"""

RECORD_PRODUCTS = """
INSERT INTO project_products (event_id, product_id, member_id, stars_before, segment,
                              recorded_at)
SELECT $1, p.product_id, p.member_id, p.stars, p.segment, $3
FROM products p WHERE p.member_id = $2 AND p.status = 'listed'
ON CONFLICT (event_id, product_id) DO NOTHING
"""
SELECT_MEMBER_PRODUCTS = """
SELECT product_id, segment, stars_before FROM project_products
WHERE event_id = $1 AND member_id = $2 ORDER BY product_id
"""
SELECT_PROJECT_PRODUCT = """
SELECT pp.*, m.province_code FROM project_products pp
LEFT JOIN members m USING (member_id)
WHERE pp.event_id = $1 AND pp.product_id = $2
"""
IS_CONFIRMED = """
SELECT EXISTS (SELECT 1 FROM registrations
               WHERE event_id = $1 AND member_id = $2 AND status = 'confirmed')
"""
SELECT_MEMBER_TYPE = "SELECT member_type FROM members WHERE member_id = $1"
HOLDS_ROLE = """
SELECT EXISTS (SELECT 1 FROM member_roles
               WHERE member_id = $1 AND role = $2 AND term_start <= $3 AND $3 < term_end)
"""

SUM_ALLOCATED = "SELECT coalesce(sum(amount_satang), 0) FROM project_grants WHERE event_id = $1"
INSERT_GRANT = """
INSERT INTO project_grants (grant_id, event_id, member_id, recipient_kind, amount_satang,
                            purpose_th, allocated_by, allocated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""
LOCK_GRANT = "SELECT * FROM project_grants WHERE grant_id = $1 FOR UPDATE"
ADD_DISBURSED = """
UPDATE project_grants SET disbursed_satang = disbursed_satang + $2 WHERE grant_id = $1
RETURNING disbursed_satang
"""
INSERT_DISBURSEMENT = """
INSERT INTO grant_disbursements (disbursement_id, grant_id, amount_satang, disbursed_on,
                                 note_th, approved_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""

UPSERT_PLAN = """
INSERT INTO development_plans (event_id, product_id, goal_th, goal_en, actions, target_stars,
                               version, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5::jsonb, $6, 1, $7, $8)
ON CONFLICT (event_id, product_id) DO UPDATE SET goal_th = $3, goal_en = $4,
    actions = $5::jsonb, target_stars = $6, version = development_plans.version + 1,
    recorded_by = $7, recorded_at = $8
RETURNING version
"""

INSERT_NOMINATION = """
INSERT INTO kbo_nominations (nomination_id, event_id, province_code, product_id, member_id,
                             nominated_by_member_id, recorded_by, nominated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT ON CONSTRAINT one_nomination_per_province DO NOTHING
RETURNING nomination_id
"""


class PostgresProjectRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def set_rules(self, event_id: uuid.UUID, rules: SelectionRules) -> None:
        await self._conn.execute(
            UPSERT_RULES,
            event_id,
            sorted(s.value for s in rules.segments),
            rules.max_stars,
            sorted(r.value for r in rules.network_roles),
            sorted(rules.province_codes),
        )

    async def rules(self, event_id: uuid.UUID) -> SelectionRules | None:
        return await rules_of(self._conn, event_id)

    async def members(
        self, provinces: frozenset[str], on: date, member_id: uuid.UUID | None = None
    ) -> list[CandidateMember]:
        return await active_members(self._conn, provinces, on, member_id)

    async def record_products(
        self, event_id: uuid.UUID, member_id: uuid.UUID, now: datetime
    ) -> list[ProductBefore]:
        """The member's listed products as rated now, kept once (a second selection keeps
        the first rating)."""
        await self._conn.execute(RECORD_PRODUCTS, event_id, member_id, now)
        return [
            ProductBefore(
                product_id=r["product_id"], segment=r["segment"], stars_before=r["stars_before"]
            )
            for r in await self._conn.fetch(SELECT_MEMBER_PRODUCTS, event_id, member_id)
        ]

    async def project_product(
        self, event_id: uuid.UUID, product_id: uuid.UUID
    ) -> asyncpg.Record | None:
        return await self._conn.fetchrow(SELECT_PROJECT_PRODUCT, event_id, product_id)

    async def is_confirmed(self, event_id: uuid.UUID, member_id: uuid.UUID) -> bool:
        return bool(await self._conn.fetchval(IS_CONFIRMED, event_id, member_id))

    async def member_type(self, member_id: uuid.UUID) -> MemberType | None:
        found = await self._conn.fetchval(SELECT_MEMBER_TYPE, member_id)
        return MemberType(found) if found else None

    async def holds_role(self, member_id: uuid.UUID, role: NetworkRole, on: date) -> bool:
        return bool(await self._conn.fetchval(HOLDS_ROLE, member_id, role.value, on))

    async def allocated(self, event_id: uuid.UUID) -> int:
        """Satang allocated so far; read with the project's event row locked."""
        return int(await self._conn.fetchval(SUM_ALLOCATED, event_id))

    async def add_grant(
        self,
        grant_id: uuid.UUID,
        event_id: uuid.UUID,
        member_id: uuid.UUID,
        kind: RecipientKind,
        amount: int,
        purpose_th: str,
        actor: str,
        now: datetime,
    ) -> None:
        try:
            await self._conn.execute(
                INSERT_GRANT,
                grant_id,
                event_id,
                member_id,
                kind.value,
                amount,
                purpose_th,
                actor,
                now,
            )
        except asyncpg.UniqueViolationError:
            raise Conflict(
                "สมาชิกนี้ได้รับทุนในโครงการนี้แล้ว / the member already has a grant in this project"
            ) from None

    async def locked_grant(self, grant_id: uuid.UUID) -> asyncpg.Record | None:
        return await self._conn.fetchrow(LOCK_GRANT, grant_id)

    async def add_disbursement(
        self,
        disbursement_id: uuid.UUID,
        grant_id: uuid.UUID,
        amount: int,
        disbursed_on: date,
        note_th: str | None,
        actor: str,
        now: datetime,
    ) -> int:
        """Record the payment; the grant's total paid after it (satang)."""
        await self._conn.execute(
            INSERT_DISBURSEMENT,
            disbursement_id,
            grant_id,
            amount,
            disbursed_on,
            note_th,
            actor,
            now,
        )
        return int(await self._conn.fetchval(ADD_DISBURSED, grant_id, amount))

    async def save_plan(
        self,
        event_id: uuid.UUID,
        product_id: uuid.UUID,
        goal_th: str,
        goal_en: str | None,
        actions: list[str],
        target_stars: int | None,
        actor: str,
        now: datetime,
    ) -> int:
        return int(
            await self._conn.fetchval(
                UPSERT_PLAN,
                event_id,
                product_id,
                goal_th,
                goal_en,
                list(actions),
                target_stars,
                actor,
                now,
            )
        )

    async def add_nomination(
        self,
        nomination_id: uuid.UUID,
        event_id: uuid.UUID,
        province_code: str,
        product_id: uuid.UUID,
        member_id: uuid.UUID,
        nominated_by: uuid.UUID,
        actor: str,
        now: datetime,
    ) -> bool:
        """False when the province already has its product in this project."""
        added = await self._conn.fetchval(
            INSERT_NOMINATION,
            nomination_id,
            event_id,
            province_code,
            product_id,
            member_id,
            nominated_by,
            actor,
            now,
        )
        return added is not None
