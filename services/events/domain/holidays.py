"""Thai public holidays that fall on an event's days (Asia/Bangkok), from the `holidays`
package's calendar of Thailand, names in Thai."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

import holidays as holiday_calendars

from shared.contracts.events import PublicHoliday
from shared.timeutil import business_day


@lru_cache(maxsize=32)
def _thailand(year: int) -> dict[object, str]:
    return dict(holiday_calendars.country_holidays("TH", years=year, language="th").items())


def public_holidays_during(starts_at: datetime, ends_at: datetime) -> list[PublicHoliday]:
    """Every Thai public holiday from the first to the last day of the event. An event that
    ends at midnight does not run on the day that midnight begins."""
    first, last = business_day(starts_at), business_day(ends_at - timedelta(microseconds=1))
    found: list[PublicHoliday] = []
    day = first
    while day <= last:
        name = _thailand(day.year).get(day)
        if name:
            found.append(PublicHoliday(day=day, name=name))
        day += timedelta(days=1)
    return found
