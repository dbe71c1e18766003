"""The reminder the day before an event: when it is due, and what becomes of a reminder
when its event is scheduled again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any

from shared.timeutil import BANGKOK

REMINDER_TIME = time(9, 0)  # Asia/Bangkok, on the day before the event starts


class ReminderState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DROPPED = "dropped"  # the event was cancelled or closed: never reminded
    MISSED = "missed"  # due only once the event's own day had come


@dataclass(frozen=True)
class Reminder:
    """A reminder as the schedule holds it."""

    event_id: uuid.UUID
    starts_at: datetime
    state: ReminderState


@dataclass(frozen=True)
class ScheduledReminder:
    """The reminder of an event's (newer) version, to be written to the schedule."""

    event_id: uuid.UUID
    version: int
    event: dict[str, Any]
    starts_at: datetime
    remind_at: datetime
    state: ReminderState


@dataclass(frozen=True)
class DueReminder:
    event_id: uuid.UUID
    event: dict[str, Any]
    starts_at: datetime


def remind_at(starts_at: datetime, now: datetime) -> datetime:
    """09:00 Bangkok time the day before the event's first day (at once if that has passed)."""
    day_before = starts_at.astimezone(BANGKOK).date() - timedelta(days=1)
    moment = datetime.combine(day_before, REMINDER_TIME, tzinfo=BANGKOK)
    return max(moment, now)


def state_when_scheduled(current: Reminder | None, starts_at: datetime) -> ReminderState:
    """A dropped reminder stays dropped; a changed start makes a sent (or missed) reminder
    pending again, for the new date; otherwise the reminder keeps its state."""
    if current is None:
        return ReminderState.PENDING
    if current.state is ReminderState.DROPPED:
        return ReminderState.DROPPED
    if current.starts_at != starts_at:
        return ReminderState.PENDING
    return current.state


def is_too_late(starts_at: datetime, now: datetime) -> bool:
    """ "Tomorrow" is only true before the event's own day (Bangkok): an event published on
    its day, or a service down the whole day before, has no reminder."""
    return starts_at.astimezone(BANGKOK).date() <= now.astimezone(BANGKOK).date()
