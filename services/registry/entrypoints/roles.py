"""The registry's network role routes: assign a role, list who holds one on a day."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from services.registry.adapters import views
from services.registry.entrypoints.dependencies import (
    Bus,
    Cursor,
    Db,
    DistrictCode,
    PageSize,
    ProvinceCode,
    staff_router,
)
from services.registry.entrypoints.schemas import RoleList, RoleOut
from services.registry.service_layer import commands
from shared.contracts.registry import NetworkRole
from shared.timeutil import business_day, now_bangkok

router = staff_router()


@router.post("/roles", status_code=201, response_model=RoleOut, tags=["network roles"])
async def assign_role(body: commands.AssignRole, bus: Bus) -> RoleOut:
    return RoleOut.of(await bus.handle(body))


@router.get("/roles", response_model=RoleList, tags=["network roles"])
async def current_office_holders(
    conn: Db,
    province: ProvinceCode = None,
    district: DistrictCode = None,
    role: NetworkRole | None = None,
    on: Annotated[date | None, Query(description="Default: today in Asia/Bangkok")] = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> RoleList:
    """Who holds a network role on a day, a page at a time in the order the roles were
    assigned (then by id); give `next_cursor` as `cursor` for the next page (null: the last)."""
    day = on or business_day(now_bangkok())
    page = await views.current_office_holders(
        conn,
        on=day,
        province=province,
        district=district,
        role=role,
        cursor=cursor,
        limit=limit,
    )
    return RoleList(on=day, items=[RoleOut.of(r) for r in page.items], next_cursor=page.next_cursor)
