"""The calendar as an iCalendar (RFC 5545) feed that a phone can subscribe to.

Each event is a VEVENT with a stable UID (the event id), its times in Asia/Bangkok (TZID,
with the VTIMEZONE the feed carries), the Thai title as SUMMARY and the event's version as
SEQUENCE. A cancelled event stays in the feed with STATUS:CANCELLED, so a subscribed
calendar marks it cancelled instead of the event silently disappearing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from services.events.domain.event import Event
from shared.contracts.events import EventKind, EventStatus
from shared.timeutil import BANGKOK

PRODUCT_ID = "-//OTOP Network Platform//Events calendar//TH"
UID_DOMAIN = "events.otop-network"

KIND_TH: dict[EventKind, str] = {
    EventKind.SHOWCASE: "งานแสดงสินค้า",
    EventKind.FAIR: "งานแสดงและจำหน่ายสินค้า",
    EventKind.TRAINING: "การอบรม",
    EventKind.WORKSHOP: "การประชุมเชิงปฏิบัติการ",
    EventKind.DEVELOPMENT_PROJECT: "โครงการพัฒนาผลิตภัณฑ์",
}


def event_uid(event_id: uuid.UUID) -> str:
    return f"{event_id}@{UID_DOMAIN}"


def _description(event: Event) -> str:
    lines = [KIND_TH[event.kind]]
    if event.description_th:
        lines.append(event.description_th)
    for holiday in event.public_holidays:
        lines.append(f"วันหยุดราชการ {holiday.day.isoformat()}: {holiday.name}")
    if event.status is EventStatus.CANCELLED and event.cancel_reason:
        lines.append(f"ยกเลิก: {event.cancel_reason}")
    return "\n".join(lines)


def calendar_feed(
    events: list[Event], updated_at: Mapping[uuid.UUID, datetime], *, name: str
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", event_uid(event.event_id))
        entry.add("dtstamp", updated_at.get(event.event_id) or event.published_at)
        entry.add("dtstart", event.starts_at.astimezone(BANGKOK))
        entry.add("dtend", event.ends_at.astimezone(BANGKOK))
        entry.add("sequence", event.version)
        cancelled = event.status is EventStatus.CANCELLED
        entry.add("summary", f"[ยกเลิก] {event.title_th}" if cancelled else event.title_th)
        entry.add("location", event.venue_th)
        entry.add("description", _description(event))
        entry.add("categories", [KIND_TH[event.kind]])
        entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(entry)
    if events:
        calendar.add_missing_timezones()
    return calendar.to_ical()
