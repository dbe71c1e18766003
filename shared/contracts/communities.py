"""OTOP Nawatwithi tourism communities (on `registry.communities.v1`, keyed by the
community's id)."""

from __future__ import annotations

from shared.contracts.topics import EventType

EVENT_TYPES: tuple[EventType, ...] = ()
