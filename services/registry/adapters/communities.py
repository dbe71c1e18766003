"""The communities and community_members tables: the community aggregate's repository and
its row mapping."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from services.registry.domain.communities import Community
from shared.contracts.communities import (
    CommunityContact,
    CommunityStatus,
    Photo,
    Place,
    Village,
)
from shared.timeutil import BANGKOK

INSERT_COMMUNITY = """
INSERT INTO communities (
    community_id, name_th, name_en, province_code, district_code, subdistrict_code,
    village_no, village, story_th, story_en, wisdom_th, wisdom_en, way_of_life_th,
    way_of_life_en, attractions, activities, contact, photos, status, withdrawn_reason,
    version, registered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        $19, $20, $21, $22)
"""
UPDATE_COMMUNITY = """
UPDATE communities SET
    name_th = $2, name_en = $3, province_code = $4, district_code = $5,
    subdistrict_code = $6, village_no = $7, village = $8, story_th = $9, story_en = $10,
    wisdom_th = $11, wisdom_en = $12, way_of_life_th = $13, way_of_life_en = $14,
    attractions = $15, activities = $16, contact = $17, photos = $18, status = $19,
    withdrawn_reason = $20, version = $21, updated_at = now()
WHERE community_id = $1
"""
SELECT_COMMUNITY = """
SELECT c.*, ARRAY(SELECT cm.member_id FROM community_members cm
                  WHERE cm.community_id = c.community_id
                  ORDER BY cm.joined_at, cm.member_id) AS member_ids
FROM communities c WHERE c.community_id = $1
"""
LOCK_COMMUNITY = "SELECT 1 FROM communities WHERE community_id = $1 FOR UPDATE"
COMMUNITY_OF_MEMBER = "SELECT community_id FROM community_members WHERE member_id = $1"
DELETE_LEFT_MEMBERS = """
DELETE FROM community_members WHERE community_id = $1 AND NOT (member_id = ANY($2::uuid[]))
"""
INSERT_JOINED_MEMBERS = """
INSERT INTO community_members (community_id, member_id)
SELECT $1, m FROM unnest($2::uuid[]) AS m
ON CONFLICT (community_id, member_id) DO NOTHING
"""


def community_from_row(row: asyncpg.Record) -> Community:
    return Community(
        community_id=row["community_id"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        village=Village(**row["village"]),
        story_th=row["story_th"],
        story_en=row["story_en"],
        wisdom_th=row["wisdom_th"],
        wisdom_en=row["wisdom_en"],
        way_of_life_th=row["way_of_life_th"],
        way_of_life_en=row["way_of_life_en"],
        attractions=[Place(**p) for p in row["attractions"]],
        activities=[Place(**p) for p in row["activities"]],
        contact=CommunityContact(**row["contact"]),
        photos=[Photo(**p) for p in row["photos"]],
        status=CommunityStatus(row["status"]),
        # Stored in UTC; the network's times read in Asia/Bangkok.
        registered_at=row["registered_at"].astimezone(BANGKOK),
        member_ids=list(row["member_ids"]),
        version=row["version"],
        withdrawn_reason=row["withdrawn_reason"],
    )


def _dumped(items: list[Any]) -> list[dict[str, Any]]:
    return [i.model_dump(mode="json") for i in items]


def _values(c: Community) -> list[Any]:
    """In the column order of INSERT_COMMUNITY and UPDATE_COMMUNITY's parameters."""
    v = c.village
    return [
        c.community_id,
        c.name_th,
        c.name_en,
        v.province_code,
        v.district_code,
        v.subdistrict_code,
        v.village_no,
        v.model_dump(mode="json"),
        c.story_th,
        c.story_en,
        c.wisdom_th,
        c.wisdom_en,
        c.way_of_life_th,
        c.way_of_life_en,
        _dumped(c.attractions),
        _dumped(c.activities),
        c.contact.model_dump(mode="json"),
        _dumped(c.photos),
        c.status.value,
        c.withdrawn_reason,
        c.version,
    ]


class PostgresCommunityRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, community: Community) -> None:
        await self._conn.execute(INSERT_COMMUNITY, *_values(community), community.registered_at)
        await self._store_members(community)

    async def get(self, community_id: uuid.UUID, *, for_update: bool = False) -> Community | None:
        if for_update and await self._conn.fetchval(LOCK_COMMUNITY, community_id) is None:
            return None
        row = await self._conn.fetchrow(SELECT_COMMUNITY, community_id)
        return community_from_row(row) if row else None

    async def save(self, community: Community) -> None:
        await self._conn.execute(UPDATE_COMMUNITY, *_values(community))
        await self._store_members(community)

    async def _store_members(self, community: Community) -> None:
        await self._conn.execute(DELETE_LEFT_MEMBERS, community.community_id, community.member_ids)
        await self._conn.execute(
            INSERT_JOINED_MEMBERS, community.community_id, community.member_ids
        )

    async def community_of_member(self, member_id: uuid.UUID) -> uuid.UUID | None:
        return await self._conn.fetchval(COMMUNITY_OF_MEMBER, member_id)
