"""The registry's community routes for staff: register, change, members join and leave,
withdraw (in the community's district), and the lists (any staff)."""

from __future__ import annotations

import uuid
from enum import Enum

from fastapi import Response

from services.registry.adapters import community_views as views
from services.registry.entrypoints.community_schemas import CommunityList, CommunityOut
from services.registry.entrypoints.dependencies import (
    Bus,
    Db,
    DistrictCode,
    ProvinceCode,
    staff_router,
)
from services.registry.service_layer import community_commands as commands
from shared.contracts.communities import CommunityStatus
from shared.errors import NotFound

router = staff_router()
TAGS: list[str | Enum] = ["communities"]


@router.post("/communities", status_code=201, response_model=CommunityOut, tags=TAGS)
async def register_community(
    body: commands.CommunityInput, bus: Bus, response: Response
) -> CommunityOut:
    community = await bus.handle(commands.RegisterCommunity(community=body))
    response.headers["Location"] = f"/v1/communities/{community.community_id}"
    return CommunityOut.of(community)


@router.get("/communities", response_model=CommunityList, tags=TAGS)
async def list_communities(
    conn: Db,
    province: ProvinceCode = None,
    district: DistrictCode = None,
    status: CommunityStatus | None = None,
) -> CommunityList:
    """Communities by province, district and name."""
    found = await views.list_communities(
        conn, province=province, district=district, status=status.value if status else None
    )
    return CommunityList(items=[CommunityOut.of(c) for c in found])


@router.get("/communities/{community_id}", response_model=CommunityOut, tags=TAGS)
async def get_community(community_id: uuid.UUID, conn: Db) -> CommunityOut:
    community = await views.get_community(conn, community_id)
    if community is None:
        raise NotFound(f"there is no community {community_id}")
    return CommunityOut.of(community)


@router.patch("/communities/{community_id}", response_model=CommunityOut, tags=TAGS)
async def update_community(
    community_id: uuid.UUID, body: commands.CommunityChanges, bus: Bus
) -> CommunityOut:
    community = await bus.handle(commands.UpdateCommunity(community_id=community_id, changes=body))
    return CommunityOut.of(community)


@router.post("/communities/{community_id}/members", response_model=CommunityOut, tags=TAGS)
async def join_community(
    community_id: uuid.UUID, body: commands.MemberRef, bus: Bus
) -> CommunityOut:
    community = await bus.handle(
        commands.JoinCommunity(community_id=community_id, member_id=body.member_id)
    )
    return CommunityOut.of(community)


@router.delete(
    "/communities/{community_id}/members/{member_id}", response_model=CommunityOut, tags=TAGS
)
async def leave_community(community_id: uuid.UUID, member_id: uuid.UUID, bus: Bus) -> CommunityOut:
    community = await bus.handle(
        commands.LeaveCommunity(community_id=community_id, member_id=member_id)
    )
    return CommunityOut.of(community)


@router.post("/communities/{community_id}/withdraw", response_model=CommunityOut, tags=TAGS)
async def withdraw_community(
    community_id: uuid.UUID, body: commands.WithdrawalReason, bus: Bus
) -> CommunityOut:
    community = await bus.handle(
        commands.WithdrawCommunity(community_id=community_id, reason=body.reason)
    )
    return CommunityOut.of(community)
