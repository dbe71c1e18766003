"""Development projects: participants chosen by rules, grants within a budget,
disbursements, development plans and outcomes, KBO nominations (on the events topics)."""

from __future__ import annotations

from shared.contracts.topics import EventType

EVENT_TYPES: tuple[EventType, ...] = ()
