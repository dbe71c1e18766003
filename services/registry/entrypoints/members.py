"""The registry's member routes: parse, send the command or read the view, answer."""

from __future__ import annotations

import uuid

from fastapi import Response

from services.registry.adapters import views
from services.registry.entrypoints.dependencies import (
    Bus,
    Cursor,
    Db,
    DistrictCode,
    Limit,
    ProvinceCode,
    Search,
    staff_router,
)
from services.registry.entrypoints.schemas import MemberOut, MemberPage
from services.registry.service_layer import commands
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    ProductCategory,
)
from shared.errors import NotFound

router = staff_router()


@router.post("/members", status_code=201, response_model=MemberOut, tags=["members"])
async def register_member(body: commands.RegisterMember, bus: Bus, response: Response) -> MemberOut:
    member = await bus.handle(body)
    response.headers["Location"] = f"/v1/members/{member.member_id}"
    return MemberOut.of(member)


@router.get("/members", response_model=MemberPage, tags=["members"])
async def list_members(
    conn: Db,
    province: ProvinceCode = None,
    district: DistrictCode = None,
    type: MemberType | None = None,
    status: MemberStatus | None = None,
    segment: DevelopmentSegment | None = None,
    category: ProductCategory | None = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> MemberPage:
    """Members in the order they registered; `segment` and `category` keep members with a
    listed product in that development segment or OTOP category, `q` searches the Thai and
    English names."""
    page = await views.list_members(
        conn,
        province=province,
        district=district,
        member_type=type,
        status=status,
        segment=segment,
        category=category,
        q=q,
        cursor=cursor,
        limit=limit,
    )
    return MemberPage(items=[MemberOut.of(m) for m in page.items], next_cursor=page.next_cursor)


@router.get("/members/{member_id}", response_model=MemberOut, tags=["members"])
async def get_member(member_id: uuid.UUID, conn: Db) -> MemberOut:
    member = await views.get_member(conn, member_id)
    if member is None:
        raise NotFound(f"there is no member {member_id}")
    return MemberOut.of(member)


@router.patch("/members/{member_id}", response_model=MemberOut, tags=["members"])
async def update_member(member_id: uuid.UUID, body: commands.MemberChanges, bus: Bus) -> MemberOut:
    member = await bus.handle(commands.UpdateMember(member_id=member_id, changes=body))
    return MemberOut.of(member)


@router.post("/members/{member_id}/status", response_model=MemberOut, tags=["members"])
async def change_member_status(
    member_id: uuid.UUID, body: commands.StatusChange, bus: Bus
) -> MemberOut:
    member = await bus.handle(commands.ChangeMemberStatus(member_id=member_id, change=body))
    return MemberOut.of(member)
