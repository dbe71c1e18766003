"""Event bodies as staff would send them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from shared.timeutil import BANGKOK, now_bangkok


def event_payload(**overrides: Any) -> dict[str, Any]:
    """A showcase a month from now, registration open from an hour ago until a day before."""
    start = (now_bangkok() + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    body: dict[str, Any] = {
        "kind": "showcase",
        "title_th": "2 ทศวรรษ OTOP ภาคใต้",
        "title_en": "Two decades of OTOP in the South",
        "description_th": "งานแสดงและจำหน่ายสินค้า OTOP 14 จังหวัดภาคใต้",
        "host_province_code": "90",
        "venue_th": "ศูนย์ประชุมนานาชาติฉลองสิริราชสมบัติครบ 60 ปี มหาวิทยาลัยสงขลานครินทร์",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(days=4, hours=12)).isoformat(),
        "registration_opens_at": (now_bangkok() - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (start - timedelta(days=1)).isoformat(),
        "capacity": 3,
    }
    body.update(overrides)
    return body


def at(day: datetime, hour: int = 9) -> str:
    return day.replace(hour=hour, minute=0, second=0, microsecond=0, tzinfo=BANGKOK).isoformat()
