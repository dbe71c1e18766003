"""What the events service's HTTP API returns."""

from __future__ import annotations

import uuid

from pydantic import AwareDatetime, BaseModel, Field

from services.events.adapters.views import RegistrationRow
from services.events.domain.event import Event
from services.events.domain.members import MemberProfile
from services.events.domain.participants import Participant
from shared.contracts.events import (
    CancellationReason,
    CapacityUnit,
    Eligibility,
    EventKind,
    EventStatus,
    ParticipantKind,
    PublicHoliday,
    Quota,
    RegistrationStatus,
)
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.money import Baht


class RegistrationCounts(BaseModel):
    pending_approval: int
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int


class EventOut(BaseModel):
    event_id: uuid.UUID
    version: int
    kind: EventKind
    status: EventStatus
    title_th: str
    title_en: str | None
    description_th: str | None
    description_en: str | None
    host_province_code: str
    venue_th: str
    venue_en: str | None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    registration_opens_at: AwareDatetime
    registration_closes_at: AwareDatetime
    capacity: int
    capacity_unit: CapacityUnit
    budget: Baht | None
    eligibility: Eligibility
    quotas: list[Quota]
    requires_approval: bool
    public_holidays: list[PublicHoliday]
    cancel_reason: str | None
    published_at: AwareDatetime | None
    cancelled_at: AwareDatetime | None
    closed_at: AwareDatetime | None
    registrations: RegistrationCounts | None = None

    @classmethod
    def of(cls, e: Event, counts: dict[str, int] | None = None) -> EventOut:
        fields = {n: getattr(e, n) for n in cls.model_fields if n != "registrations"}
        return cls(
            **fields, registrations=RegistrationCounts(**counts) if counts is not None else None
        )


class EventPageOut(BaseModel):
    items: list[EventOut]
    next_cursor: str | None


class BoothOut(BaseModel):
    zone: str
    booth_number: int
    assigned_by: str


class ParticipantOut(BaseModel):
    """Someone registered by name who is not a member (an official, an office holder)."""

    kind: ParticipantKind
    name_th: str
    name_en: str | None = None
    position_th: str
    province_code: str
    district_code: str | None = None
    organisation: str | None = None

    @classmethod
    def of(cls, p: Participant) -> ParticipantOut:
        return cls(
            kind=p.kind,
            name_th=p.name_th,
            name_en=p.name_en,
            position_th=p.position_th,
            province_code=p.province_code,
            district_code=p.district_code,
            organisation=p.organisation,
        )


class RegistrationOut(BaseModel):
    registration_id: uuid.UUID
    event_id: uuid.UUID
    # None for a participant who is not a member (see `participant`).
    member_id: uuid.UUID | None
    participant: ParticipantOut | None = None
    member_name_th: str | None = None
    member_name_en: str | None = None
    status: RegistrationStatus
    version: int
    quota: str | None
    waitlist_position: int | None = None
    booth: BoothOut | None
    applied_at: AwareDatetime
    confirmed_at: AwareDatetime | None
    cancelled_at: AwareDatetime | None
    cancel_reason: CancellationReason | None
    checked_in_at: AwareDatetime | None

    @classmethod
    def of(cls, row: RegistrationRow) -> RegistrationOut:
        r = row.registration
        booth = (
            BoothOut(
                zone=r.booth.zone,
                booth_number=r.booth.number,
                assigned_by=r.booth_assigned_by or "automatic",
            )
            if r.booth
            else None
        )
        return cls(
            registration_id=r.registration_id,
            event_id=r.event_id,
            member_id=r.member_id,
            participant=ParticipantOut.of(r.participant) if r.participant else None,
            member_name_th=row.member_name_th,
            member_name_en=row.member_name_en,
            status=r.status,
            version=r.version,
            quota=r.quota,
            waitlist_position=row.waitlist_position,
            booth=booth,
            applied_at=r.applied_at,
            confirmed_at=r.confirmed_at,
            cancelled_at=r.cancelled_at,
            cancel_reason=r.cancel_reason,
            checked_in_at=r.checked_in_at,
        )


class EventBriefOut(BaseModel):
    """The event a registration is for, as shown where the member is met (the door)."""

    event_id: uuid.UUID
    kind: EventKind
    status: EventStatus
    title_th: str
    title_en: str | None
    host_province_code: str
    venue_th: str
    venue_en: str | None
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    @classmethod
    def of(cls, e: Event) -> EventBriefOut:
        return cls(**{n: getattr(e, n) for n in cls.model_fields})


class RegistrationDetailOut(RegistrationOut):
    """One registration with its event: what the door shows when a code is scanned."""

    event: EventBriefOut

    @classmethod
    def with_event(cls, row: RegistrationRow, event: Event) -> RegistrationDetailOut:
        return cls(**RegistrationOut.of(row).model_dump(), event=EventBriefOut.of(event))


class RegistrationList(BaseModel):
    items: list[RegistrationOut]
    next_cursor: str | None


class AttendanceOut(BaseModel):
    """Counts over the whole event; `items` is one page of those who checked in."""

    event_id: uuid.UUID
    status: EventStatus
    confirmed: int
    checked_in: int
    not_checked_in: int
    # Confirmed registrations that never checked in; known once the event is closed.
    no_shows: int | None
    items: list[RegistrationOut]
    next_cursor: str | None
    attended: list[RegistrationOut] = Field(
        description="The same page as `items`, under its earlier name (deprecated)",
        json_schema_extra={"deprecated": True},
    )


class NoShowsOut(BaseModel):
    event_id: uuid.UUID
    items: list[RegistrationOut]
    next_cursor: str | None
    no_shows: list[RegistrationOut] = Field(
        description="The same page as `items`, under its earlier name (deprecated)",
        json_schema_extra={"deprecated": True},
    )


class MemberProfileOut(BaseModel):
    """The member as the events service knows it from the registry's events."""

    member_id: uuid.UUID
    member_type: MemberType
    status: MemberStatus
    province_code: str
    name_th: str
    segments: list[DevelopmentSegment]
    best_stars: int | None
    main_category: ProductCategory | None
    network_roles: list[NetworkRole]
    listed_products: int

    @classmethod
    def of(cls, m: MemberProfile) -> MemberProfileOut:
        return cls(
            member_id=m.member_id,
            member_type=m.member_type,
            status=m.status,
            province_code=m.province_code,
            name_th=m.name_th,
            segments=sorted(m.segments),
            best_stars=m.best_stars,
            main_category=m.main_category,
            network_roles=sorted(m.roles),
            listed_products=len(m.products),
        )
