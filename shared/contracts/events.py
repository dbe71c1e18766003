"""Events the showcase events service publishes on `events.showcases.v1` and
`events.registrations.v1`.

Event lifecycle messages carry the event's full state after the change (with its
`version`), so a consumer can keep a calendar from them alone and ignore a stale one that
arrives late. Registration messages carry a summary of their event (title, dates, venue) so
a consumer can tell a member what happened without having seen the event's own messages.
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.event_vocabulary import (
    CancellationReason,
    CapacityUnit,
    EventKind,
    EventStatus,
    ParticipantKind,
    RegistrationStatus,
)
from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole
from shared.contracts.topics import EVENTS_REGISTRATIONS, EVENTS_SHOWCASES, EventType
from shared.money import Baht


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Quota(_Contract):
    """Places reserved for members who match every criterion given (an empty list matches
    everyone), e.g. 20 places for group-D producers."""

    label: str
    places: int = Field(ge=1)
    segments: list[DevelopmentSegment] = Field(default_factory=list)
    member_types: list[MemberType] = Field(default_factory=list)
    network_roles: list[NetworkRole] = Field(default_factory=list)
    # That many places in each district of the host province (a member's district: that of
    # a network role it holds there).
    per_district: bool = False
    # Who may take the quota's places; empty: members only.
    participant_kinds: list[ParticipantKind] = Field(default_factory=list)


class Eligibility(_Contract):
    """Who may apply; an empty list or None means no restriction on that criterion."""

    province_codes: list[str] = Field(default_factory=list)
    member_types: list[MemberType] = Field(default_factory=list)
    segments: list[DevelopmentSegment] = Field(default_factory=list)
    min_stars: int | None = Field(default=None, ge=1, le=5)


class PublicHoliday(_Contract):
    day: date
    name: str


class EventSnapshot(_Contract):
    event_id: uuid.UUID
    version: int = Field(ge=1)
    kind: EventKind
    status: EventStatus
    title_th: str
    title_en: str | None = None
    description_th: str | None = None
    description_en: str | None = None
    host_province_code: str
    venue_th: str
    venue_en: str | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    registration_opens_at: AwareDatetime
    registration_closes_at: AwareDatetime
    capacity: int = Field(ge=1)
    capacity_unit: CapacityUnit
    budget: Baht | None = None
    eligibility: Eligibility
    quotas: list[Quota] = Field(default_factory=list)
    requires_approval: bool = False
    # Thai public holidays that fall on one of the event's days (Asia/Bangkok).
    public_holidays: list[PublicHoliday] = Field(default_factory=list)


class EventPublished(EventSnapshot):
    """`event.published` v1: the event is on the calendar and open to registrations."""


class EventUpdated(EventSnapshot):
    """`event.updated` v1: a published event's details changed."""

    changed_fields: list[str]


class AffectedRegistration(_Contract):
    registration_id: uuid.UUID
    member_id: uuid.UUID
    previous_status: RegistrationStatus


class EventCancelled(_Contract):
    """`event.cancelled` v1: the event will not take place. `registrations` lists everyone
    who was registered (confirmed, waitlisted or awaiting approval) and is now cancelled."""

    event_id: uuid.UUID
    version: int = Field(ge=1)
    kind: EventKind
    title_th: str
    title_en: str | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: str | None = None
    cancelled_at: AwareDatetime
    registrations: list[AffectedRegistration]


class EventClosed(_Contract):
    """`event.closed` v1: the event is over; attendance is final."""

    event_id: uuid.UUID
    version: int = Field(ge=1)
    closed_at: AwareDatetime
    confirmed: int = Field(ge=0)
    attended: int = Field(ge=0)
    no_shows: int = Field(ge=0)


class EventSummary(_Contract):
    """What a member needs to know about the event a registration is for."""

    event_id: uuid.UUID
    kind: EventKind
    title_th: str
    title_en: str | None = None
    host_province_code: str
    venue_th: str
    venue_en: str | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime


class RegistrationChange(_Contract):
    registration_id: uuid.UUID
    event_id: uuid.UUID
    member_id: uuid.UUID
    # Increases with every change to the registration: a consumer ignores a lower one.
    version: int = Field(ge=1)
    event: EventSummary
    occurred_at: AwareDatetime


class RegistrationConfirmed(RegistrationChange):
    """`registration.confirmed` v1: the member has a place (on application or approval).
    `quota` names the reserved quota the place counts against, if any."""

    quota: str | None = None


class RegistrationWaitlisted(RegistrationChange):
    """`registration.waitlisted` v1: the event is full; `position` is the place in line
    (1 is next)."""

    position: int = Field(ge=1)


class RegistrationPromoted(RegistrationChange):
    """`registration.promoted` v1: a place came free and the member moved from the waitlist
    to confirmed."""

    quota: str | None = None


class RegistrationCancelled(RegistrationChange):
    """`registration.cancelled` v1."""

    previous_status: RegistrationStatus
    reason: CancellationReason


class RegistrationCheckedIn(RegistrationChange):
    """`registration.checked_in` v1: the member arrived (sent once per registration)."""

    checked_in_at: AwareDatetime


class BoothAssigned(RegistrationChange):
    """`booth.assigned` v1: a confirmed exhibitor has a booth (zone and number). Sent again
    when staff move the exhibitor to another booth."""

    zone: str
    booth_number: int = Field(ge=1)
    assigned_by: str  # "automatic" or "staff"


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "event.published",
        1,
        EVENTS_SHOWCASES,
        EventPublished,
        "An event was published to the calendar and opened for registrations.",
    ),
    EventType(
        "event.updated",
        1,
        EVENTS_SHOWCASES,
        EventUpdated,
        "A published event's details changed.",
    ),
    EventType(
        "event.cancelled",
        1,
        EVENTS_SHOWCASES,
        EventCancelled,
        "An event was cancelled; everyone registered is listed.",
    ),
    EventType(
        "event.closed",
        1,
        EVENTS_SHOWCASES,
        EventClosed,
        "An event ended and was closed with its attendance.",
    ),
    EventType(
        "registration.confirmed",
        1,
        EVENTS_REGISTRATIONS,
        RegistrationConfirmed,
        "A member has a confirmed place at an event.",
    ),
    EventType(
        "registration.waitlisted",
        1,
        EVENTS_REGISTRATIONS,
        RegistrationWaitlisted,
        "An event was full; the member is on its waitlist.",
    ),
    EventType(
        "registration.promoted",
        1,
        EVENTS_REGISTRATIONS,
        RegistrationPromoted,
        "A waitlisted member was given a place that came free.",
    ),
    EventType(
        "registration.cancelled",
        1,
        EVENTS_REGISTRATIONS,
        RegistrationCancelled,
        "A registration was cancelled (by the member, staff, event cancellation, suspension).",
    ),
    EventType(
        "registration.checked_in",
        1,
        EVENTS_REGISTRATIONS,
        RegistrationCheckedIn,
        "A registered member checked in at the event.",
    ),
    EventType(
        "booth.assigned",
        1,
        EVENTS_REGISTRATIONS,
        BoothAssigned,
        "A confirmed exhibitor was given (or moved to) a booth.",
    ),
)
