"""The public calendar in JSON (no credential): the events that have been on the calendar
(published, later closed or cancelled), with public fields only, never registrations."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Annotated

import geothai
from fastapi import APIRouter, Query
from pydantic import AwareDatetime, BaseModel

from services.events.adapters import views
from services.events.domain.event import Event
from services.events.domain.geography import check_province
from services.events.entrypoints.dependencies import Day, Db
from shared.contracts.events import EventKind, EventStatus
from shared.errors import InvalidInput
from shared.timeutil import BANGKOK

router = APIRouter(prefix="/v1/public", tags=["public"])

# The longest span one request may ask for.
LONGEST_SPAN = timedelta(days=400)


class PublicEventOut(BaseModel):
    event_id: uuid.UUID
    kind: EventKind
    status: EventStatus
    title_th: str
    title_en: str | None
    description_th: str | None
    description_en: str | None
    venue_th: str
    venue_en: str | None
    province_code: str
    province_name_th: str
    province_name_en: str
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    @classmethod
    def of(cls, e: Event) -> PublicEventOut:
        province = geothai.province(e.host_province_code)
        return cls(
            event_id=e.event_id,
            kind=e.kind,
            status=e.status,
            title_th=e.title_th,
            title_en=e.title_en,
            description_th=e.description_th,
            description_en=e.description_en,
            venue_th=e.venue_th,
            venue_en=e.venue_en,
            province_code=e.host_province_code,
            province_name_th=province.name_th if province else "",
            province_name_en=province.name_en if province else "",
            starts_at=e.starts_at.astimezone(BANGKOK),
            ends_at=e.ends_at.astimezone(BANGKOK),
        )


class PublicCalendar(BaseModel):
    items: list[PublicEventOut]


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=BANGKOK)


@router.get("/calendar", response_model=PublicCalendar)
async def public_calendar(
    conn: Db,
    province_code: Annotated[
        str | None, Query(pattern=r"^[0-9]{2}$", description="Events hosted in this province")
    ] = None,
    from_: Annotated[
        Day | None, Query(alias="from", description="First day (Bangkok), YYYY-MM-DD")
    ] = None,
    to: Annotated[Day | None, Query(description="Last day (Bangkok), YYYY-MM-DD")] = None,
) -> PublicCalendar:
    """Events on the calendar that take place on a day from `from` to `to` (both included),
    in the order they start."""
    if province_code is not None:
        check_province(province_code)
    if from_ is not None and to is not None:
        if to < from_:
            raise InvalidInput("`to` is before `from`")
        if to - from_ > LONGEST_SPAN:
            raise InvalidInput(f"ask for at most {LONGEST_SPAN.days} days at once")
    events = await views.calendar_events(conn, province_code)
    begins = _start_of(from_) if from_ is not None else None
    ends = _start_of(to + timedelta(days=1)) if to is not None else None
    return PublicCalendar(
        items=[
            PublicEventOut.of(e)
            for e in events
            if (province_code is None or e.host_province_code == province_code)
            and (begins is None or e.ends_at > begins)
            and (ends is None or e.starts_at < ends)
        ]
    )
