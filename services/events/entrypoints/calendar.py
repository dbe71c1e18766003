"""The public iCalendar feed (no token: phone calendars subscribe to it)."""

from __future__ import annotations

from typing import Annotated

import geothai
from fastapi import APIRouter, Query, Response

from services.events.adapters import views
from services.events.adapters.calendar_feed import calendar_feed
from services.events.domain.geography import check_province
from services.events.entrypoints.dependencies import Db

router = APIRouter(prefix="/v1", tags=["calendar"])

CALENDAR_NAME = "ปฏิทินกิจกรรมเครือข่าย OTOP"


@router.get(
    "/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "RFC 5545 calendar"}},
)
async def calendar(
    conn: Db,
    province: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{2}$", description="Only events hosted in or open to a province"),
    ] = None,
) -> Response:
    name = CALENDAR_NAME
    if province is not None:
        check_province(province)
        name = f"{CALENDAR_NAME} จังหวัด{geothai.province(province).name_th}"
    events = await views.calendar_events(conn, province)
    updated = await views.event_updated_at(conn, [e.event_id for e in events])
    body = calendar_feed(events, updated, name=name)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="otop-events.ics"'},
    )
