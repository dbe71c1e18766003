"""The shop's consignment with producers: assortment decisions, stock delivered and returned,
stock counts and alerts (on `sales.settlements.v1`, keyed by the producer's id)."""

from __future__ import annotations

from shared.contracts.topics import EventType

EVENT_TYPES: tuple[EventType, ...] = ()
