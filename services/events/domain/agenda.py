"""A training's agenda (sessions with speakers), the certificate rule and who is due a
certificate of attendance, and spending against the event's budget. Pure Python: no I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from shared.errors import Conflict, InvalidInput, InvalidTransition
from shared.timeutil import BANGKOK

BUDDHIST_ERA_OFFSET = 543


@dataclass
class Session:
    session_id: uuid.UUID
    event_id: uuid.UUID
    title_th: str
    starts_at: datetime
    ends_at: datetime
    title_en: str | None = None
    speakers: list[str] = field(default_factory=list)
    room: str | None = None

    def check_within(self, event_starts_at: datetime, event_ends_at: datetime) -> None:
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise InvalidInput("times must carry a timezone, e.g. 2027-03-15T09:00:00+07:00")
        if self.ends_at <= self.starts_at:
            raise InvalidInput("a session ends after it starts: ends_at must be after starts_at")
        if self.starts_at < event_starts_at or self.ends_at > event_ends_at:
            raise InvalidInput(
                "ช่วงเวลาของหัวข้อต้องอยู่ในช่วงของงาน / a session lies within its event's "
                f"dates ({event_starts_at.isoformat()} to {event_ends_at.isoformat()})"
            )

    def check_attendance_time(self, now: datetime) -> None:
        """Attendance is recorded once the session has started, never ahead of it."""
        if now < self.starts_at:
            raise InvalidTransition(
                "บันทึกการเข้าร่วมได้เมื่อหัวข้อเริ่มแล้ว / attendance is recorded once the "
                f"session has started ({self.starts_at.isoformat()})"
            )


@dataclass(frozen=True)
class Attendee:
    """A confirmed registration that attended sessions: a member (its name) or a participant
    who is not a member (name and position)."""

    registration_id: uuid.UUID
    member_id: uuid.UUID | None
    participant_kind: str | None
    order_in_event: int
    sessions: int
    days: list[date]
    name_th: str | None
    name_en: str | None
    position_th: str | None
    organisation: str | None
    district_code: str | None
    issued_number: str | None = None
    issued_at: datetime | None = None


@dataclass(frozen=True)
class DueCertificate:
    attendee: Attendee
    number: str


def due_certificates(
    attendees: list[Attendee],
    sessions: int,
    min_sessions: int | None,
    event_starts_at: datetime,
) -> list[DueCertificate]:
    """Certificates due, in the event's order: only to those who attended enough; a number
    once issued stays the certificate's number."""
    return [
        DueCertificate(a, a.issued_number or certificate_number(event_starts_at, a.order_in_event))
        for a in attendees
        if certificate_due(a.sessions, min_sessions, sessions)
    ]


def sessions_needed(min_sessions: int | None, sessions: int) -> int:
    """Attended sessions a certificate needs: the event's rule, at most all of them
    (no rule: all)."""
    if min_sessions is None:
        return sessions
    return min(min_sessions, sessions)


def certificate_due(attended: int, min_sessions: int | None, sessions: int) -> bool:
    """A certificate is due to whoever attended enough of an agenda that has sessions; never
    to someone who attended none."""
    if sessions == 0 or attended == 0:
        return False
    return attended >= sessions_needed(min_sessions, sessions)


def certificate_number(event_starts_at: datetime, order_in_event: int) -> str:
    """'<B.E. year of the event>-NNN', e.g. 2565-007 (the registration's order in the event)."""
    year = event_starts_at.astimezone(BANGKOK).year + BUDDHIST_ERA_OFFSET
    return f"{year}-{order_in_event:03d}"


def check_expense(amount: Decimal, spent: Decimal, budget: Decimal | None) -> None:
    """An expense is paid from the budget: never beyond what remains of it (`spent`: what
    its expenses and grants already hold)."""
    if amount <= 0:
        raise InvalidInput("an expense is more than 0 baht")
    if budget is None:
        raise Conflict(
            "งานนี้ยังไม่มีงบประมาณ / the event has no budget: set one before recording expenses"
        )
    remaining = budget - spent
    if amount > remaining:
        raise Conflict(
            f"เกินงบประมาณคงเหลือ {remaining:,.2f} บาท / the expense of {amount:,.2f} THB is "
            f"beyond the {remaining:,.2f} THB left of the {budget:,.2f} THB budget",
            remaining=f"{remaining:.2f}",
        )


def check_budget_covers(budget: Decimal | None, spent: Decimal, allocated: Decimal) -> None:
    """A budget is never set (or removed) below what its expenses spent and its grants hold
    together."""
    held = spent + allocated
    if held == 0 or (budget is not None and budget >= held):
        return
    raise Conflict(
        f"ลดงบประมาณต่ำกว่าที่ใช้ไปแล้ว {held:,.2f} บาท ไม่ได้ (ค่าใช้จ่าย {spent:,.2f} บาท "
        f"ทุน {allocated:,.2f} บาท) / the budget cannot go below the {held:,.2f} THB its "
        f"expenses ({spent:,.2f} THB) and grants ({allocated:,.2f} THB) already hold",
        spent=f"{spent:.2f}",
        allocated=f"{allocated:.2f}",
    )


def check_agenda_within(
    span: tuple[datetime, datetime] | None, event_starts_at: datetime, event_ends_at: datetime
) -> None:
    """An event's new dates still hold every session of its agenda."""
    if span is None:
        return
    first, last = span
    if first < event_starts_at or last > event_ends_at:
        raise Conflict(
            "วันเวลาใหม่ของงานไม่ครอบคลุมหัวข้อในกำหนดการ: ย้ายหรือลบหัวข้อก่อน / the event's new "
            f"dates leave sessions of its agenda outside them (the agenda runs "
            f"{first.astimezone(BANGKOK).isoformat()} to {last.astimezone(BANGKOK).isoformat()}): "
            "move or remove those sessions first"
        )
