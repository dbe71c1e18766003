"""Thai-first figures for documents the web front makes itself (PDF, CSV, Excel, charts):
Buddhist-era dates and baht amounts, exact from the API's decimal strings."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from services.web.console.filters import BUDDHIST_ERA_OFFSET
from services.web.console.filters import THAI_MONTHS as THAI_MONTHS_SHORT
from shared.timeutil import BANGKOK

CENT = Decimal("0.01")

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

_AMOUNT = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?\Z")


class BadAmount(ValueError):
    """An amount from a service that is not a decimal string of baht."""


def amount(text: object) -> Decimal:
    """An exact amount in baht from the API's decimal string ("1250.50"); never a float."""
    if isinstance(text, Decimal):
        return text.quantize(CENT)
    if not isinstance(text, str) or not _AMOUNT.match(text):
        raise BadAmount(f"{text!r} is not an amount in baht")
    return Decimal(text).quantize(CENT)


def baht(value: Decimal) -> str:
    """1,250.50 (no unit): grouped thousands, two decimals."""
    return f"{value.quantize(CENT):,.2f}"


def baht_with_unit(value: Decimal) -> str:
    return f"{baht(value)} บาท"


def be_date(day: date, *, long: bool = False) -> str:
    """30 พ.ย. 2569 (or 30 พฤศจิกายน 2569): the day in the Buddhist era."""
    months = THAI_MONTHS if long else THAI_MONTHS_SHORT
    return f"{day.day} {months[day.month - 1]} {day.year + BUDDHIST_ERA_OFFSET}"


def be_datetime(moment: datetime) -> str:
    """30 พ.ย. 2569 14:05 น., in Bangkok time."""
    local = moment.astimezone(BANGKOK)
    return f"{be_date(local.date())} {local:%H:%M} น."


def be_period(start: date, end: date) -> str:
    if start == end:
        return be_date(start, long=True)
    return f"{be_date(start, long=True)} – {be_date(end, long=True)}"
