"""Money and dates the way Thai readers expect them, independent of the OS locale.

Thai: "1,250.50 บาท", "21 พฤศจิกายน 2569" (Buddhist era), "21 พฤศจิกายน 2569 เวลา 09:30 น."
English: "THB 1,250.50", "21 November 2026", "21 November 2026, 09:30".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from shared.timeutil import BANGKOK

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BUDDHIST_ERA_OFFSET = 543


def _decimal(amount: Decimal | str | int) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"))


def format_amount(amount: Decimal | str | int) -> str:
    """Thousands separated, two decimals: "1,250.50", "-12.50"."""
    return f"{_decimal(amount):,.2f}"


def format_baht(amount: Decimal | str | int, language: str = "th") -> str:
    text = format_amount(amount)
    return f"THB {text}" if language == "en" else f"{text} บาท"


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a timezone-aware datetime is needed")
        return value.astimezone(BANGKOK).date()
    return value


def format_date(value: date | datetime | str, language: str = "th") -> str:
    day = _as_date(value)
    if language == "en":
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + BUDDHIST_ERA_OFFSET}"


def format_datetime(value: datetime | str, language: str = "th") -> str:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        raise ValueError("a timezone-aware datetime is needed")
    local = moment.astimezone(BANGKOK)
    clock = local.strftime("%H:%M")
    if language == "en":
        return f"{format_date(local, 'en')}, {clock}"
    return f"{format_date(local, 'th')} เวลา {clock} น."
