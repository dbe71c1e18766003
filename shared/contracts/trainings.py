"""Trainings and workshops: participants who are not members, agendas, attendance and
certificates (on the events topics)."""

from __future__ import annotations

from shared.contracts.topics import EventType

EVENT_TYPES: tuple[EventType, ...] = ()
