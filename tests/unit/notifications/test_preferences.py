from __future__ import annotations

from datetime import datetime, time

import pytest

from services.notifications.domain.preferences import Preferences, QuietHours
from shared.contracts.notifications import Channel, NotificationKind
from shared.timeutil import BANGKOK

NIGHT = QuietHours(time(21, 0), time(7, 0))


def at(hour: int, minute: int = 0, day: int = 21) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [(at(20, 59), False), (at(21), True), (at(23, 30), True), (at(3), True), (at(7), False)],
)
def test_quiet_hours_wrap_midnight(moment: datetime, quiet: bool) -> None:
    assert NIGHT.contains(moment) is quiet


def test_a_message_in_the_evening_waits_until_the_next_morning() -> None:
    assert NIGHT.end_after(at(22, 15)) == at(7, 0, day=22)
    assert NIGHT.end_after(at(5, 0)) == at(7, 0)
    assert NIGHT.end_after(at(12, 0)) == at(12, 0)


def test_daytime_quiet_hours_do_not_wrap() -> None:
    lunch = QuietHours(time(12), time(13))
    assert lunch.contains(at(12, 30)) and not lunch.contains(at(13))
    assert lunch.end_after(at(12, 30)) == at(13)


def test_quiet_hours_use_bangkok_time_whatever_the_offset_given() -> None:
    utc_evening = datetime.fromisoformat("2026-11-21T15:00:00+00:00")  # 22:00 in Bangkok
    assert NIGHT.contains(utc_evening)


def test_critical_notices_bypass_opt_outs_and_quiet_hours() -> None:
    prefs = Preferences(opt_outs=frozenset({NotificationKind.PRODUCT_RATED}), quiet_hours=NIGHT)
    assert not prefs.wants(NotificationKind.PRODUCT_RATED)
    assert prefs.wants(NotificationKind.EVENT_CANCELLED)
    assert prefs.send_at(NotificationKind.EVENT_CANCELLED, at(23)) == at(23)
    assert prefs.send_at(NotificationKind.EVENT_REMINDER, at(23)) == at(7, day=22)


@pytest.mark.parametrize(
    "bad",
    [
        {"channels": ()},
        {"channels": (Channel.LINE, Channel.LINE)},
        {"channels": (Channel.WEBHOOK,)},
        {"language": "fr"},
    ],
)
def test_invalid_preferences_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        Preferences(**bad)


def test_quiet_hours_must_span_some_time() -> None:
    with pytest.raises(ValueError):
        QuietHours(time(7), time(7))
