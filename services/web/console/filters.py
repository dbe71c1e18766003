"""How the console shows values: baht, Buddhist-era Thai dates, area and role names."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import geothai

from shared.identity.roles import ROLE_NAMES, Role
from shared.timeutil import BANGKOK

THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
BUDDHIST_ERA_OFFSET = 543


def baht(value: object) -> str:
    """ "1250.5" → "1,250.50 บาท" (exact: read as a decimal, never a float)."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{amount.quantize(Decimal('0.01')):,} บาท"


def _moment(value: object) -> datetime | date | None:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return None
    return None


def be_date(value: object) -> str:
    """ "2026-11-21" → "21 พ.ย. 2569"; a timezone-aware time is read in Asia/Bangkok."""
    moment = _moment(value)
    if moment is None:
        return "–" if value in (None, "") else str(value)
    if isinstance(moment, datetime):
        moment = _in_bangkok(moment).date()
    return f"{moment.day} {THAI_MONTHS[moment.month - 1]} {moment.year + BUDDHIST_ERA_OFFSET}"


def be_datetime(value: object) -> str:
    """ "2026-11-21T02:30:00Z" → "21 พ.ย. 2569 09:30 น." (Asia/Bangkok)."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return be_date(value)
    local = _in_bangkok(moment)
    return f"{be_date(local)} {local:%H:%M} น."


def _in_bangkok(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BANGKOK)
    return moment.astimezone(BANGKOK)


@lru_cache(maxsize=4096)
def area_name(code: object) -> str:
    """A DOPA code's Thai name: "90" → "จ.สงขลา", "9001" → "อ.เมืองสงขลา จ.สงขลา",
    a subdistrict with its district and province; anything else is a shop's code:
    "centre" → "ร้านค้า (centre)"."""
    if code is None or code == "":
        return "ทุกพื้นที่"
    text = str(code)
    if not text.isdigit():
        return f"ร้านค้า ({text})"
    if len(text) == 2 and (province := geothai.province(text)):
        return f"จ.{province.name_th}"
    if len(text) == 4 and (district := geothai.district(text)):
        return f"อ.{district.name_th} {area_name(district.province_code)}"
    if len(text) == 6 and (subdistrict := geothai.subdistrict(text)):
        return f"ต.{subdistrict.name_th} {area_name(subdistrict.district_code)}"
    return text


def role_name(role: object, english: bool = False) -> str:
    """The role's Thai name (or English with `english=True`); an unknown value as it is."""
    try:
        thai, eng = ROLE_NAMES[Role(str(role.value if isinstance(role, Role) else role))]
    except ValueError:
        return str(role)
    return eng if english else thai


FILTERS = {
    "baht": baht,
    "be_date": be_date,
    "be_datetime": be_datetime,
    "area_name": area_name,
    "role_name": role_name,
}
