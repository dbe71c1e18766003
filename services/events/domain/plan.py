"""The rules an event's plan keeps: its times on the calendar, its capacity in the unit of its
kind, its provinces, quotas and eligibility. Pure Python: no I/O."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from services.events.domain.geography import check_province
from services.events.domain.quotas import SEPARATOR, reserved_total
from shared.contracts.events import CapacityUnit, EventKind
from shared.errors import InvalidInput
from shared.timeutil import BANGKOK

if TYPE_CHECKING:
    from services.events.domain.event import Event

BOOTH_KINDS = frozenset({EventKind.SHOWCASE, EventKind.FAIR})

UNIT_OF_KIND: dict[EventKind, CapacityUnit] = {
    EventKind.SHOWCASE: CapacityUnit.BOOTHS,
    EventKind.FAIR: CapacityUnit.BOOTHS,
    EventKind.TRAINING: CapacityUnit.SEATS,
    EventKind.WORKSHOP: CapacityUnit.SEATS,
    EventKind.DEVELOPMENT_PROJECT: CapacityUnit.PLACES,
}

# The calendar's horizon: times outside it are typing mistakes (and years near 9999 cannot
# even be shown in Asia/Bangkok); an event longer than LONGEST would list public holidays by
# the hundred in every message and feed entry.
EARLIEST = datetime(2000, 1, 1, tzinfo=BANGKOK)
LATEST = datetime(2100, 1, 1, tzinfo=BANGKOK)
LONGEST = timedelta(days=2 * 366)
LABEL_LENGTH = 100

# What staff may change with an update; kind and capacity unit are fixed at creation.
CHANGEABLE = (
    "title_th",
    "title_en",
    "description_th",
    "description_en",
    "host_province_code",
    "venue_th",
    "venue_en",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "budget",
    "eligibility",
    "quotas",
    "requires_approval",
)


def check_plan(event: Event) -> None:
    """The event's details make sense together; InvalidInput says what does not."""
    for moment in (
        event.starts_at,
        event.ends_at,
        event.registration_opens_at,
        event.registration_closes_at,
    ):
        if moment.tzinfo is None:
            raise InvalidInput("times must carry a timezone, e.g. 2026-12-01T09:00:00+07:00")
        if not EARLIEST <= moment < LATEST:
            raise InvalidInput(
                f"times must lie between {EARLIEST.date()} and {LATEST.date()} "
                f"(Asia/Bangkok); {moment.isoformat()} does not"
            )
    if event.ends_at <= event.starts_at:
        raise InvalidInput("the event ends before it starts: ends_at must be after starts_at")
    if event.registration_closes_at <= event.registration_opens_at:
        raise InvalidInput("registration_closes_at must be after registration_opens_at")
    if event.registration_closes_at > event.ends_at:
        raise InvalidInput("registration must close by the end of the event")
    if event.ends_at - event.starts_at > LONGEST:
        raise InvalidInput(f"an event lasts at most {LONGEST.days} days")
    if UNIT_OF_KIND[event.kind] is not event.capacity_unit:
        raise InvalidInput(
            f"a {event.kind.value} counts its capacity in {UNIT_OF_KIND[event.kind].value}, "
            f"not {event.capacity_unit.value}"
        )
    if event.capacity < 1:
        raise InvalidInput("capacity must be at least 1")
    if event.budget is not None and event.budget < 0:
        raise InvalidInput("the budget cannot be negative")
    check_province(event.host_province_code)
    for code in event.eligibility.province_codes:
        check_province(code)
    labels = [q.label for q in event.quotas]
    if len(set(labels)) != len(labels):
        raise InvalidInput("each quota needs its own label")
    if any(not label.strip() or len(label) > LABEL_LENGTH for label in labels):
        raise InvalidInput(f"a quota's label is 1 to {LABEL_LENGTH} characters, not blank")
    if any(SEPARATOR in label for label in labels):
        raise InvalidInput(f"a quota's label cannot contain {SEPARATOR!r}")
    rules = event.eligibility
    for name, given in [
        ("eligibility.province_codes", rules.province_codes),
        ("eligibility.member_types", rules.member_types),
        ("eligibility.segments", rules.segments),
    ] + [
        (f"quota {q.label!r}", given)
        for q in event.quotas
        for given in (q.segments, q.member_types, q.network_roles, q.participant_kinds)
    ]:
        if len(set(given)) != len(given):
            raise InvalidInput(f"{name} names the same value more than once")
    reserved = reserved_total(event.quotas, event.host_province_code)
    if reserved > event.capacity:
        raise InvalidInput(
            f"the quotas reserve {reserved} {event.capacity_unit.value}, more than the "
            f"capacity of {event.capacity}"
        )
