"""The public calendar in JSON (no credential): the events that have been on the calendar
(published, later closed or cancelled), with public fields only, never registrations."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Annotated

import geothai
from fastapi import APIRouter, Query
from pydantic import AwareDatetime, BaseModel

from services.events.adapters.public_calendar import calendar_events_between
from services.events.domain.event import Event
from services.events.domain.geography import check_province
from services.events.entrypoints.dependencies import Day, Db
from shared.contracts.events import EventKind, EventStatus
from shared.errors import InvalidInput
from shared.timeutil import BANGKOK, now_bangkok

router = APIRouter(prefix="/v1/public", tags=["public"])

# The longest span one request may ask for, and the days a calendar can show.
LONGEST_SPAN = timedelta(days=400)
_FIRST_DAY, _LAST_DAY = date(1900, 1, 1), date(2600, 12, 31)
NOT_A_DAY = "a day from 1900-01-01 to 2600-12-31 (Christian era)"


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


def today_bangkok() -> date:
    return now_bangkok().date()


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
    in the order they start. A span is at most LONGEST_SPAN: without `to` it ends that long
    after `from`, without `from` it begins that long before `to`, without either it begins
    today (Bangkok)."""
    if province_code is not None:
        check_province(province_code)
    first, last = _span(from_, to)
    events = await calendar_events_between(
        conn, province_code, _start_of(first), _start_of(last + timedelta(days=1))
    )
    return PublicCalendar(items=[PublicEventOut.of(e) for e in events])


def _span(first: date | None, last: date | None) -> tuple[date, date]:
    try:
        if first is None and last is None:
            first = today_bangkok()
        if last is None:
            last = min(first + LONGEST_SPAN, _LAST_DAY)  # type: ignore[operator]
        if first is None:
            first = max(last - LONGEST_SPAN, _FIRST_DAY)
    except OverflowError as beyond:
        raise InvalidInput(NOT_A_DAY) from beyond
    if not (_FIRST_DAY <= first <= _LAST_DAY and _FIRST_DAY <= last <= _LAST_DAY):
        raise InvalidInput(NOT_A_DAY)
    if last < first:
        raise InvalidInput("`to` is before `from`")
    if last - first > LONGEST_SPAN:
        raise InvalidInput(f"ask for at most {LONGEST_SPAN.days} days at once")
    return first, last
