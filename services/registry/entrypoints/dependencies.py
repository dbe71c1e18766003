"""What the registry's routes share: their dependencies and query parameters."""

from __future__ import annotations

from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Depends, Query

from shared.http.auth import require_admin, require_staff
from shared.http.dependencies import command_bus, read_connection
from shared.messaging.bus import CommandBus

Bus = Annotated[CommandBus[Any], Depends(command_bus)]
Db = Annotated[asyncpg.Connection, Depends(read_connection)]

ProvinceCode = Annotated[str | None, Query(pattern=r"^\d{2}$", description="DOPA, 2 digits")]
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{4}$", description="DOPA, 4 digits")]
Limit = Annotated[int, Query(ge=1, le=200)]
# Lists that used to come whole: a larger page by default.
PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]
Search = Annotated[str | None, Query(min_length=1, max_length=100)]


def staff_router() -> APIRouter:
    """A router of the registry's /v1 routes for the network's staff (a staff token or the
    admin token); what each staff member may change is decided by the service layer."""
    return APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


def admin_router() -> APIRouter:
    """A router of /v1 routes for privacy requests and operations: the admin token or a
    platform administrator."""
    return APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])
