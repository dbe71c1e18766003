"""The role_assignments table: the network roles' repository and its row mapping."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from services.registry.domain.roles import RoleAssignment
from shared.contracts.registry import ERASED_TEXT, NetworkRole

LOCK_ROLE_AREA = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
SELECT_OVERLAPPING_HOLDERS = """
SELECT * FROM role_assignments
WHERE role = $1 AND province_code = $2 AND district_code IS NOT DISTINCT FROM $3
  AND term_start < $5 AND $4 < term_end
ORDER BY term_start
"""
ERASE_ROLE_PEOPLE = "UPDATE role_assignments SET person_name = $2 WHERE member_id = $1"
INSERT_ROLE = """
INSERT INTO role_assignments (
    assignment_id, member_id, person_name, role, province_code, district_code, term_start,
    term_end)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


def role_from_row(row: asyncpg.Record) -> RoleAssignment:
    return RoleAssignment(
        assignment_id=row["assignment_id"],
        member_id=row["member_id"],
        person_name=row["person_name"],
        role=NetworkRole(row["role"]),
        province_code=row["province_code"],
        district_code=row["district_code"],
        term_start=row["term_start"],
        term_end=row["term_end"],
    )


def _area_lock_name(role: NetworkRole, province: str, district: str | None) -> str:
    return f"role:{role.value}:{province}:{district or ''}"


class PostgresRoleRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def lock_area(self, role: NetworkRole, province: str, district: str | None) -> None:
        await self._conn.execute(LOCK_ROLE_AREA, _area_lock_name(role, province, district))

    async def holders(
        self, role: NetworkRole, province: str, district: str | None, start: date, end: date
    ) -> list[RoleAssignment]:
        rows = await self._conn.fetch(
            SELECT_OVERLAPPING_HOLDERS, role.value, province, district, start, end
        )
        return [role_from_row(r) for r in rows]

    async def forget_person_names(self, member_id: uuid.UUID) -> int:
        """The names of the member's people in its network roles read `ERASED_TEXT`; the
        roles, areas and terms stay. Returns how many assignments."""
        result = await self._conn.execute(ERASE_ROLE_PEOPLE, member_id, ERASED_TEXT)
        return int(result.rsplit(" ", 1)[-1])

    async def add(self, assignment: RoleAssignment) -> None:
        await self._conn.execute(
            INSERT_ROLE,
            assignment.assignment_id,
            assignment.member_id,
            assignment.person_name,
            assignment.role.value,
            assignment.province_code,
            assignment.district_code,
            assignment.term_start,
            assignment.term_end,
        )
