"""When a reminder is due, and what a new schedule of its event makes of it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from services.notifications.domain.reminders import (
    Reminder,
    ReminderState,
    is_too_late,
    remind_at,
    state_when_scheduled,
)
from shared.timeutil import BANGKOK

STARTS = datetime(2026, 12, 5, 14, 0, tzinfo=BANGKOK)


def held(state: ReminderState, starts_at: datetime = STARTS) -> Reminder:
    return Reminder(uuid.uuid4(), starts_at, state)


def test_a_new_reminder_is_pending() -> None:
    assert state_when_scheduled(None, STARTS) is ReminderState.PENDING


def test_a_sent_reminder_of_an_event_whose_start_moved_is_pending_again() -> None:
    later = STARTS + timedelta(days=7)
    assert state_when_scheduled(held(ReminderState.SENT), later) is ReminderState.PENDING
    assert state_when_scheduled(held(ReminderState.MISSED), later) is ReminderState.PENDING


def test_a_reminder_keeps_its_state_while_the_start_stays() -> None:
    for state in (ReminderState.PENDING, ReminderState.SENT, ReminderState.MISSED):
        assert state_when_scheduled(held(state), STARTS) is state


def test_a_dropped_reminder_stays_dropped_whatever_the_start() -> None:
    dropped = held(ReminderState.DROPPED)
    assert state_when_scheduled(dropped, STARTS) is ReminderState.DROPPED
    assert state_when_scheduled(dropped, STARTS + timedelta(days=1)) is ReminderState.DROPPED


def test_the_reminder_is_due_at_nine_the_day_before_or_at_once_when_that_has_passed() -> None:
    early = datetime(2026, 11, 1, 12, 0, tzinfo=BANGKOK)
    assert remind_at(STARTS, early) == datetime(2026, 12, 4, 9, 0, tzinfo=BANGKOK)
    late = datetime(2026, 12, 4, 18, 0, tzinfo=BANGKOK)
    assert remind_at(STARTS, late) == late


def test_on_the_events_own_day_it_is_too_late_to_say_tomorrow() -> None:
    assert not is_too_late(STARTS, datetime(2026, 12, 4, 23, 59, tzinfo=BANGKOK))
    assert is_too_late(STARTS, datetime(2026, 12, 5, 0, 0, tzinfo=BANGKOK))
