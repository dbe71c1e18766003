"""Commands of trainings and workshops: participants who are not members, the agenda,
attendance per session, certificates and expenses. Shapes are checked here; rules live in
the domain."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from services.events.service_layer.commands import Command, ProvinceCode
from shared.limits import Name, Title
from shared.money import Baht

DistrictCode = Annotated[str, Field(pattern=r"^[0-9]{4}$", examples=["9001"])]


class ParticipantDetails(Command):
    kind: Literal["official", "office_holder"]
    name_th: Name
    name_en: Name | None = None
    position_th: Name
    province_code: ProvinceCode
    district_code: DistrictCode | None = None
    organisation: Name | None = None


class RegisterParticipant(Command):
    event_id: uuid.UUID
    participant: ParticipantDetails


class CancelParticipant(Command):
    event_id: uuid.UUID
    registration_id: uuid.UUID


class SessionDetails(Command):
    title_th: Title
    title_en: Title | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    speakers: list[Name] = Field(default_factory=list, max_length=20)
    room: Name | None = None


class PlanSession(Command):
    event_id: uuid.UUID
    details: SessionDetails


class ChangeSession(Command):
    event_id: uuid.UUID
    session_id: uuid.UUID
    details: SessionDetails


class RemoveSession(Command):
    event_id: uuid.UUID
    session_id: uuid.UUID


class Attendance(Command):
    registration_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)


class RecordAttendance(Command):
    event_id: uuid.UUID
    session_id: uuid.UUID
    registration_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)


class CertificateRule(Command):
    certificate_min_sessions: int | None = Field(
        default=None, ge=1, le=200, description="Attended sessions a certificate needs; null: all"
    )


class SetCertificateRule(Command):
    event_id: uuid.UUID
    certificate_min_sessions: int | None = Field(default=None, ge=1, le=200)


class IssueCertificates(Command):
    event_id: uuid.UUID


class ExpenseDetails(Command):
    item_th: Title
    amount: Baht
    spent_on: date


class RecordExpense(Command):
    event_id: uuid.UUID
    expense: ExpenseDetails
