"""Commands the events service carries out. Shapes are checked here; rules live in the domain."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from shared.contracts.events import CancellationReason, CapacityUnit, Eligibility, EventKind, Quota
from shared.limits import Description, Title
from shared.money import Baht

# An event's title and venue, its description: the platform's shared text limits.
Text = Description
Venue = Title
ProvinceCode = Annotated[str, Field(pattern=r"^[0-9]{2}$", examples=["90"])]
Zone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9ก-๙-]{1,20}$")]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventDetails(Command):
    kind: EventKind
    title_th: Title
    title_en: Title | None = None
    description_th: Text | None = None
    description_en: Text | None = None
    host_province_code: ProvinceCode
    venue_th: Venue
    venue_en: Venue | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    registration_opens_at: AwareDatetime
    registration_closes_at: AwareDatetime
    capacity: int = Field(ge=1, le=100_000)
    capacity_unit: CapacityUnit | None = Field(
        default=None, description="Defaults to the kind's: booths, seats or places"
    )
    budget: Baht | None = None
    eligibility: Eligibility = Field(default_factory=Eligibility)
    quotas: list[Quota] = Field(default_factory=list, max_length=20)
    requires_approval: bool = False


class PlanEvent(Command):
    details: EventDetails


class EventChanges(Command):
    """Fields to change; those left out stay as they are."""

    title_th: Title | None = None
    title_en: Title | None = None
    description_th: Text | None = None
    description_en: Text | None = None
    host_province_code: ProvinceCode | None = None
    venue_th: Venue | None = None
    venue_en: Venue | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    registration_opens_at: AwareDatetime | None = None
    registration_closes_at: AwareDatetime | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    budget: Baht | None = None
    eligibility: Eligibility | None = None
    quotas: list[Quota] | None = Field(default=None, max_length=20)
    requires_approval: bool | None = None


class UpdateEvent(Command):
    event_id: uuid.UUID
    changes: EventChanges


class PublishEvent(Command):
    event_id: uuid.UUID


class CancellationNote(Command):
    reason: Text | None = None


class CancelEvent(Command):
    event_id: uuid.UUID
    reason: str | None = None


class CloseEvent(Command):
    event_id: uuid.UUID


class Application(Command):
    member_id: uuid.UUID


class RegisterForEvent(Command):
    event_id: uuid.UUID
    member_id: uuid.UUID


class Withdrawal(Command):
    reason: Literal[CancellationReason.MEMBER_CANCELLED, CancellationReason.STAFF_CANCELLED] = (
        CancellationReason.MEMBER_CANCELLED
    )


class CancelRegistration(Command):
    registration_id: uuid.UUID
    reason: CancellationReason = CancellationReason.MEMBER_CANCELLED


class ApproveRegistration(Command):
    registration_id: uuid.UUID


class RejectRegistration(Command):
    registration_id: uuid.UUID


class BoothChoice(Command):
    zone: Zone
    booth_number: int = Field(ge=1, le=100_000)


class AssignBooth(Command):
    registration_id: uuid.UUID
    booth: BoothChoice


class CheckIn(Command):
    registration_id: uuid.UUID
    # The event at whose door the code was scanned, when the door says so.
    event_id: uuid.UUID | None = None


class WithdrawMemberRegistrations(Command):
    """The registry suspended or withdrew the member."""

    member_id: uuid.UUID
