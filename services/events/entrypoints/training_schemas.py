"""What the trainings' routes answer: the agenda, quota use per district, certificates,
expenses against the budget."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import geothai
from pydantic import AwareDatetime, BaseModel

from services.events.adapters.training_views import Expense, SessionRow
from services.events.domain.agenda import DueCertificate, sessions_needed
from services.events.domain.event import Event
from services.events.domain.quotas import district_label, districts_of
from shared.contracts.events import ParticipantKind
from shared.money import Baht, BahtTotal


class SessionOut(BaseModel):
    session_id: uuid.UUID
    event_id: uuid.UUID
    title_th: str
    title_en: str | None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    speakers: list[str]
    room: str | None
    attended: int = 0
    # The registrations recorded as attending (listing only).
    registration_ids: list[uuid.UUID] = []

    @classmethod
    def of(cls, row: SessionRow, attended_by: set[uuid.UUID] | None = None) -> SessionOut:
        s = row.session
        return cls(
            session_id=s.session_id,
            event_id=s.event_id,
            title_th=s.title_th,
            title_en=s.title_en,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            speakers=s.speakers,
            room=s.room,
            attended=row.attended,
            registration_ids=sorted(attended_by or set()),
        )


class AgendaOut(BaseModel):
    event_id: uuid.UUID
    certificate_min_sessions: int | None
    sessions_needed: int
    items: list[SessionOut]


class AttendanceRecorded(BaseModel):
    session_id: uuid.UUID
    recorded: list[uuid.UUID]
    attended: int


class QuotaUse(BaseModel):
    quota: str
    district_code: str | None = None
    district_name_th: str | None = None
    district_name_en: str | None = None
    participant_kinds: list[ParticipantKind]
    places: int
    taken: int


class QuotaUseOut(BaseModel):
    event_id: uuid.UUID
    capacity: int
    confirmed: int
    items: list[QuotaUse]

    @classmethod
    def of(cls, event: Event, counted: dict[str, tuple[int, int]], confirmed: int) -> QuotaUseOut:
        items: list[QuotaUse] = []
        for q in event.quotas:
            kinds = q.participant_kinds or [ParticipantKind.MEMBER]
            if not q.per_district:
                taken = counted.get(q.label, (q.places, 0))[1]
                items.append(
                    QuotaUse(quota=q.label, participant_kinds=kinds, places=q.places, taken=taken)
                )
                continue
            for code in districts_of(event.host_province_code):
                district = geothai.district(code)
                taken = counted.get(district_label(q.label, code), (q.places, 0))[1]
                items.append(
                    QuotaUse(
                        quota=q.label,
                        district_code=code,
                        district_name_th=district.name_th if district else None,
                        district_name_en=district.name_en if district else None,
                        participant_kinds=kinds,
                        places=q.places,
                        taken=taken,
                    )
                )
        return cls(
            event_id=event.event_id, capacity=event.capacity, confirmed=confirmed, items=items
        )


class CertificateOut(BaseModel):
    number: str
    registration_id: uuid.UUID
    member_id: uuid.UUID | None
    participant_kind: ParticipantKind
    name_th: str | None
    name_en: str | None
    position_th: str | None
    organisation: str | None
    district_code: str | None
    sessions_attended: int
    attended_days: list[date]
    issued_at: AwareDatetime | None

    @classmethod
    def of(cls, due: DueCertificate) -> CertificateOut:
        a = due.attendee
        return cls(
            number=due.number,
            registration_id=a.registration_id,
            member_id=a.member_id,
            participant_kind=ParticipantKind(a.participant_kind or ParticipantKind.MEMBER),
            name_th=a.name_th,
            name_en=a.name_en,
            position_th=a.position_th,
            organisation=a.organisation,
            district_code=a.district_code,
            sessions_attended=a.sessions,
            attended_days=a.days,
            issued_at=a.issued_at,
        )


class CertificatesOut(BaseModel):
    event_id: uuid.UUID
    title_th: str
    title_en: str | None
    venue_th: str
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    sessions: int
    sessions_needed: int
    items: list[CertificateOut]

    @classmethod
    def of(
        cls, event: Event, sessions: int, rule: int | None, due: list[DueCertificate]
    ) -> CertificatesOut:
        return cls(
            event_id=event.event_id,
            title_th=event.title_th,
            title_en=event.title_en,
            venue_th=event.venue_th,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            sessions=sessions,
            sessions_needed=sessions_needed(rule, sessions),
            items=[CertificateOut.of(d) for d in due],
        )


class ExpenseOut(BaseModel):
    expense_id: uuid.UUID
    item_th: str
    amount: Baht
    spent_on: date
    recorded_by: str
    recorded_at: AwareDatetime

    @classmethod
    def of(cls, e: Expense) -> ExpenseOut:
        return cls(
            expense_id=e.expense_id,
            item_th=e.item_th,
            amount=e.amount,
            spent_on=e.spent_on,
            recorded_by=e.recorded_by,
            recorded_at=e.recorded_at,
        )


class ExpensesOut(BaseModel):
    event_id: uuid.UUID
    budget: BahtTotal | None
    spent: BahtTotal
    # A development project's grants, allocated from the same budget as the expenses.
    allocated: BahtTotal = Decimal(0)
    remaining: BahtTotal | None
    items: list[ExpenseOut]

    @classmethod
    def of(
        cls, event: Event, expenses: list[Expense], allocated: Decimal = Decimal(0)
    ) -> ExpensesOut:
        spent = sum((e.amount for e in expenses), Decimal(0))
        return cls(
            event_id=event.event_id,
            budget=event.budget,
            spent=spent,
            allocated=allocated,
            remaining=event.budget - spent - allocated if event.budget is not None else None,
            items=[ExpenseOut.of(e) for e in expenses],
        )
