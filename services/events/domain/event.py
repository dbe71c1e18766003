"""The event aggregate: a showcase, fair, training, workshop or development project on the
network's calendar, from draft to published, then cancelled or closed.

Pure Python: no I/O. Each change bumps the event's version; changes the calendar's readers
must know about return the domain event that says what happened.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from services.events.domain.events import (
    EventCancelled,
    EventClosed,
    EventPublished,
    EventSummary,
    EventUpdated,
    RegistrationCancelled,
)
from services.events.domain.holidays import public_holidays_during
from services.events.domain.plan import BOOTH_KINDS, CHANGEABLE, UNIT_OF_KIND, check_plan
from services.events.domain.quotas import quota_label, reserved_total
from shared.contracts.events import (
    CapacityUnit,
    Eligibility,
    EventKind,
    EventStatus,
    PublicHoliday,
    Quota,
)
from shared.errors import Conflict, InvalidInput, InvalidTransition


@dataclass
class Event:
    event_id: uuid.UUID
    kind: EventKind
    status: EventStatus
    title_th: str
    title_en: str | None
    description_th: str | None
    description_en: str | None
    host_province_code: str
    venue_th: str
    venue_en: str | None
    starts_at: datetime
    ends_at: datetime
    registration_opens_at: datetime
    registration_closes_at: datetime
    capacity: int
    capacity_unit: CapacityUnit
    budget: Decimal | None
    eligibility: Eligibility
    quotas: list[Quota] = field(default_factory=list)
    requires_approval: bool = False
    version: int = 1
    cancel_reason: str | None = None
    published_at: datetime | None = None
    cancelled_at: datetime | None = None
    closed_at: datetime | None = None

    @classmethod
    def plan(cls, **details: object) -> Event:
        """A new draft. `capacity_unit` defaults to the kind's (booths, seats or places)."""
        kind = EventKind(details["kind"])  # type: ignore[arg-type]
        unit = details.pop("capacity_unit", None) or UNIT_OF_KIND[kind]
        event = cls(
            event_id=uuid.uuid4(),
            status=EventStatus.DRAFT,
            capacity_unit=CapacityUnit(unit),  # type: ignore[arg-type]
            **details,  # type: ignore[arg-type]
        )
        event.check_plan()
        return event

    # --- rules ------------------------------------------------------------------------

    def check_plan(self) -> None:
        """The event's details make sense together; InvalidInput says what does not."""
        check_plan(self)

    @property
    def has_booths(self) -> bool:
        return self.kind in BOOTH_KINDS

    @property
    def general_places(self) -> int:
        """Places not reserved by any quota (a per-district quota reserves its places in each
        district of the host province)."""
        return self.capacity - reserved_total(self.quotas, self.host_province_code)

    def quota(self, label: str) -> Quota | None:
        return next((q for q in self.quotas if q.label == label), None)

    def check_open_for_registration(self, now: datetime) -> None:
        if self.status is EventStatus.CANCELLED:
            raise InvalidTransition("the event is cancelled: it takes no registrations")
        if self.status is EventStatus.CLOSED:
            raise InvalidTransition("the event is closed: it takes no registrations")
        if self.status is EventStatus.DRAFT:
            raise InvalidTransition("the event is not published yet: it takes no registrations")
        if now < self.registration_opens_at:
            raise InvalidTransition(
                f"registration opens at {self.registration_opens_at.isoformat()}"
            )
        if now >= self.registration_closes_at:
            raise InvalidTransition(
                f"registration closed at {self.registration_closes_at.isoformat()}"
            )

    def check_running(self) -> None:
        """Registrations of the event can still change (published, not cancelled or closed)."""
        if self.status is not EventStatus.PUBLISHED:
            raise InvalidTransition(
                f"the event is {self.status.value}: its registrations can no longer change"
            )

    # --- changes ------------------------------------------------------------------------

    def update(self, changes: dict[str, object]) -> EventUpdated | None:
        """Apply the given changes; the event to publish when a published event changed."""
        if self.status in (EventStatus.CANCELLED, EventStatus.CLOSED):
            raise InvalidTransition(f"a {self.status.value} event cannot be changed")
        unknown = set(changes) - set(CHANGEABLE)
        if unknown:
            raise InvalidInput(f"these fields cannot be changed: {', '.join(sorted(unknown))}")
        changed = sorted(k for k, v in changes.items() if getattr(self, k) != v)
        if not changed:
            return None
        before = {k: getattr(self, k) for k in changed}
        for name in changed:
            setattr(self, name, changes[name])
        try:
            self.check_plan()
        except InvalidInput:
            for name, value in before.items():
                setattr(self, name, value)
            raise
        self.version += 1
        if self.status is EventStatus.PUBLISHED:
            return EventUpdated(copy.deepcopy(self), tuple(changed))
        return None

    def check_room_for(self, confirmed: int, confirmed_by_quota: dict[str, int]) -> None:
        """After a change of capacity or quotas, everyone confirmed still has a place."""
        if confirmed > self.capacity:
            raise Conflict(
                f"{confirmed} registrations are confirmed; capacity cannot go below that"
            )
        for label, count in confirmed_by_quota.items():
            quota = self.quota(quota_label(label))
            if quota is None or quota.places < count:
                raise Conflict(
                    f"{count} registrations are confirmed under quota {label!r}; it cannot "
                    "be removed or made smaller than that"
                )

    def publish(self, now: datetime) -> EventPublished:
        if self.status is not EventStatus.DRAFT:
            raise InvalidTransition(f"only a draft can be published; this event is {self.status}")
        self.status = EventStatus.PUBLISHED
        self.published_at = now
        self.version += 1
        return EventPublished(copy.deepcopy(self))

    def cancel(
        self, reason: str | None, now: datetime, registrations: list[RegistrationCancelled]
    ) -> EventCancelled | None:
        """Cancel the event, whose open registrations were cancelled with it; the event to
        publish when it had been on the calendar."""
        if self.status in (EventStatus.CANCELLED, EventStatus.CLOSED):
            raise InvalidTransition(f"the event is already {self.status.value}")
        was_published = self.status is EventStatus.PUBLISHED
        self.status = EventStatus.CANCELLED
        self.cancel_reason = reason
        self.cancelled_at = now
        self.version += 1
        if not was_published:
            return None
        return EventCancelled(
            event=self.summary(),
            version=self.version,
            reason=reason,
            cancelled_at=now,
            registrations=tuple(registrations),
        )

    def close(self, now: datetime, confirmed: int, attended: int) -> EventClosed:
        if self.status is not EventStatus.PUBLISHED:
            raise InvalidTransition(
                f"only a published event can be closed; this one is {self.status}"
            )
        if now < self.ends_at:
            raise InvalidTransition(
                f"the event ends at {self.ends_at.isoformat()}; it can be closed after that"
            )
        self.status = EventStatus.CLOSED
        self.closed_at = now
        self.version += 1
        return EventClosed(
            event_id=self.event_id,
            version=self.version,
            closed_at=now,
            confirmed=confirmed,
            attended=attended,
        )

    # --- views --------------------------------------------------------------------------

    @property
    def public_holidays(self) -> list[PublicHoliday]:
        return public_holidays_during(self.starts_at, self.ends_at)

    def summary(self) -> EventSummary:
        return EventSummary(
            event_id=self.event_id,
            kind=self.kind,
            title_th=self.title_th,
            title_en=self.title_en,
            host_province_code=self.host_province_code,
            venue_th=self.venue_th,
            venue_en=self.venue_en,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
        )
