"""The public community routes (no credential): active communities with public fields
only, their active producers and listed products."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from services.registry.adapters import community_views as views
from services.registry.domain.geography import check_province
from services.registry.entrypoints.community_schemas import (
    PublicCommunity,
    PublicCommunityList,
    PublicCommunitySummary,
)
from services.registry.entrypoints.dependencies import Db
from shared.contracts.communities import CommunityStatus
from shared.errors import NotFound

router = APIRouter(prefix="/v1/public", tags=["public"])


@router.get("/communities", response_model=PublicCommunityList)
async def public_communities(
    conn: Db,
    province_code: Annotated[
        str | None, Query(pattern=r"^[0-9]{2}$", description="DOPA, 2 digits")
    ] = None,
    member_id: Annotated[
        uuid.UUID | None, Query(description="The community a member producer belongs to")
    ] = None,
) -> PublicCommunityList:
    """The published Nawatwithi communities, by province, district and name."""
    if province_code is not None:
        check_province(province_code)
    found = await views.list_communities(
        conn, province=province_code, status=CommunityStatus.ACTIVE.value, member_id=member_id
    )
    counts = await views.public_producer_counts(conn, [c.community_id for c in found])
    return PublicCommunityList(
        items=[PublicCommunitySummary.of(c, counts.get(c.community_id, 0)) for c in found]
    )


@router.get("/communities/{community_id}", response_model=PublicCommunity)
async def public_community(community_id: uuid.UUID, conn: Db) -> PublicCommunity:
    community = await views.get_community(conn, community_id)
    if community is None or community.status is not CommunityStatus.ACTIVE:
        raise NotFound(f"there is no published community {community_id}")
    return PublicCommunity.of(community, await views.public_producers(conn, community_id))
