"""Time in the network's business timezone. Every datetime here is timezone-aware."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


def now_bangkok() -> datetime:
    return datetime.now(BANGKOK)


def business_day(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("a business day needs a timezone-aware datetime")
    return moment.astimezone(BANGKOK).date()
