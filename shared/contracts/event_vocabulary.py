"""The events service's vocabulary: kinds and states of events and registrations, why a
registration ended, and who takes a place. `shared.contracts.events` builds its messages
from these."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    SHOWCASE = "showcase"  # งานแสดงสินค้า: exhibitors get booths
    FAIR = "fair"  # งานแสดงและจำหน่ายสินค้า: exhibitors get booths
    TRAINING = "training"  # การอบรม: seats
    WORKSHOP = "workshop"  # การประชุมเชิงปฏิบัติการ: seats
    DEVELOPMENT_PROJECT = "development_project"  # โครงการพัฒนาผลิตภัณฑ์: places by quota


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    CLOSED = "closed"


class CapacityUnit(StrEnum):
    BOOTHS = "booths"
    SEATS = "seats"
    PLACES = "places"


class RegistrationStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class CancellationReason(StrEnum):
    MEMBER_CANCELLED = "member_cancelled"  # the member withdrew
    STAFF_CANCELLED = "staff_cancelled"  # staff withdrew the registration
    REJECTED = "rejected"  # staff did not approve it
    EVENT_CANCELLED = "event_cancelled"  # the whole event was cancelled
    MEMBER_SUSPENDED = "member_suspended"  # the registry suspended or withdrew the member


class ParticipantKind(StrEnum):
    """Who takes a place: a registered member, or someone registered by name (not a member)."""

    MEMBER = "member"
    OFFICIAL = "official"  # an official, e.g. a district OTOP officer (เจ้าหน้าที่)
    OFFICE_HOLDER = "office_holder"  # a network office holder, e.g. a district president
