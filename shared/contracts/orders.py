"""The shop's online orders (on `sales.orders.v1`, keyed by the order's id)."""

from __future__ import annotations

from shared.contracts.topics import EventType

EVENT_TYPES: tuple[EventType, ...] = ()
