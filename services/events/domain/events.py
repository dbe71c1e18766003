"""What happened to events and registrations, as the domain tells it. Aggregates return these;
the service layer hands them to the unit of work, which publishes them (their public form is
made in `services.events.adapters.contract_events`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from shared.contracts.events import CancellationReason, EventKind, RegistrationStatus

if TYPE_CHECKING:
    from services.events.domain.booths import Booth
    from services.events.domain.event import Event


@dataclass(frozen=True)
class EventSummary:
    """What a member needs to know about the event a registration is for."""

    event_id: uuid.UUID
    kind: EventKind
    title_th: str
    title_en: str | None
    host_province_code: str
    venue_th: str
    venue_en: str | None
    starts_at: datetime
    ends_at: datetime


# --- the calendar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventPublished:
    """The event went on the calendar; `event` is the event as published (a copy)."""

    event: Event


@dataclass(frozen=True)
class EventUpdated:
    """A published event changed; `event` is the event after the change (a copy)."""

    event: Event
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class EventCancelled:
    """A published event was cancelled, with every registration that was open."""

    event: EventSummary
    version: int
    reason: str | None
    cancelled_at: datetime
    registrations: tuple[RegistrationCancelled, ...]


@dataclass(frozen=True)
class EventClosed:
    """The event is over and closed: attendance is final."""

    event_id: uuid.UUID
    version: int
    closed_at: datetime
    confirmed: int
    attended: int

    @property
    def no_shows(self) -> int:
        return self.confirmed - self.attended


# --- registrations --------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationChanged:
    """A change of a registration, at the registration's version after the change."""

    registration_id: uuid.UUID
    event_id: uuid.UUID
    member_id: uuid.UUID
    version: int
    event: EventSummary
    occurred_at: datetime


@dataclass(frozen=True)
class RegistrationConfirmed(RegistrationChanged):
    """The member has a place; `quota` names the reserved quota it counts against, if any."""

    quota: str | None


@dataclass(frozen=True)
class RegistrationWaitlisted(RegistrationChanged):
    """The event was full; `position` is the place in line (1 is next)."""

    position: int


@dataclass(frozen=True)
class RegistrationPromoted(RegistrationChanged):
    """A place came free and the member moved from the waitlist to confirmed."""

    quota: str | None


@dataclass(frozen=True)
class RegistrationCancelled(RegistrationChanged):
    previous_status: RegistrationStatus
    reason: CancellationReason


@dataclass(frozen=True)
class RegistrationCheckedIn(RegistrationChanged):
    """The member arrived, at `occurred_at`."""


@dataclass(frozen=True)
class BoothAssigned(RegistrationChanged):
    """A confirmed exhibitor was given (or moved to) a booth, "automatic"ally or by "staff"."""

    booth: Booth
    assigned_by: str


DomainEvent = (
    EventPublished
    | EventUpdated
    | EventCancelled
    | EventClosed
    | RegistrationConfirmed
    | RegistrationWaitlisted
    | RegistrationPromoted
    | RegistrationCancelled
    | RegistrationCheckedIn
    | BoothAssigned
)
