"""Trainings and workshops: participants who are not members, agendas, attendance and
certificates (on the events topics).

A participant who is not a member (an official, a network office holder) is published by
name and position only: no contact data travels."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.events import ParticipantKind
from shared.contracts.topics import EVENTS_REGISTRATIONS, EVENTS_SHOWCASES, EventType
from shared.money import Baht, BahtTotal


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ParticipantRegistered(_Contract):
    """`participant.registered` v1: staff registered someone who is not a member (by name)
    for a training or workshop; the place is confirmed."""

    registration_id: uuid.UUID
    event_id: uuid.UUID
    kind: ParticipantKind
    name_th: str
    name_en: str | None = None
    position_th: str
    province_code: str
    district_code: str | None = None
    organisation: str | None = None
    quota: str | None = None
    occurred_at: AwareDatetime


class ParticipantCancelled(_Contract):
    """`participant.cancelled` v1: a participant's place was given up."""

    registration_id: uuid.UUID
    event_id: uuid.UUID
    occurred_at: AwareDatetime


class SessionAttended(_Contract):
    """`session.attended` v1: a registration (member or participant) attended a session of
    the event's agenda."""

    registration_id: uuid.UUID
    event_id: uuid.UUID
    session_id: uuid.UUID
    session_title_th: str
    occurred_at: AwareDatetime


class IssuedCertificate(_Contract):
    registration_id: uuid.UUID
    number: str
    sessions_attended: int = Field(ge=1)


class CertificatesIssued(_Contract):
    """`certificates.issued` v1: certificates of attendance were issued to those who attended
    enough of the agenda (numbers only; names stay with the events service)."""

    event_id: uuid.UUID
    certificates: list[IssuedCertificate]
    issued_at: AwareDatetime


class ExpenseRecorded(_Contract):
    """`expense.recorded` v1: an expense was paid from the event's budget."""

    event_id: uuid.UUID
    expense_id: uuid.UUID
    item_th: str
    amount: Baht
    spent_on: date
    spent: BahtTotal
    budget: BahtTotal | None = None
    occurred_at: AwareDatetime


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "participant.registered",
        1,
        EVENTS_REGISTRATIONS,
        ParticipantRegistered,
        "Someone who is not a member (an official, an office holder) has a place at a "
        "training or workshop.",
    ),
    EventType(
        "participant.cancelled",
        1,
        EVENTS_REGISTRATIONS,
        ParticipantCancelled,
        "A participant who is not a member gave up the place.",
    ),
    EventType(
        "session.attended",
        1,
        EVENTS_REGISTRATIONS,
        SessionAttended,
        "A registration attended a session of the event's agenda.",
    ),
    EventType(
        "certificates.issued",
        1,
        EVENTS_SHOWCASES,
        CertificatesIssued,
        "Certificates of attendance were issued for an event.",
    ),
    EventType(
        "expense.recorded",
        1,
        EVENTS_SHOWCASES,
        ExpenseRecorded,
        "An expense was recorded against an event's budget.",
    ),
)
