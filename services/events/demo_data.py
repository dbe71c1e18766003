"""A year of demo events with registrations, loaded through the events service's API.

Showcases and fairs, trainings and workshops, development projects with quotas, across
Songkhla and the southern provinces, Khon Kaen and Mukdahan, laid out month by month from
the day of loading (so registration is open). The registry's demo members apply: their ids
come from the registry's API, and loading waits (bounded) until this service's read model,
fed from Kafka, knows them. Loads once: when the service already has events, nothing is
loaded.
"""

from __future__ import annotations

import asyncio
import calendar
import contextlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx

from shared.timeutil import BANGKOK, now_bangkok

SOUTH = ["80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"]
READ_MODEL_PATIENCE = 180.0


class DemoDataError(RuntimeError):
    """The events service or the registry refused a demo-data request."""

    def __init__(self, method: str, path: str, status: int, detail: str) -> None:
        self.status = status
        super().__init__(f"{method} {path} answered {status}: {detail}")


@dataclass(frozen=True)
class DemoEvent:
    kind: str
    title_th: str
    title_en: str
    description_th: str
    host_province_code: str
    venue_th: str
    # When: months after the loading month, the day of that month, days and daily hours.
    month: int
    day: int
    days: int
    capacity: int
    hours: tuple[int, int] = (9, 17)
    budget: str | None = None
    eligibility: dict[str, Any] = field(default_factory=dict)
    quotas: tuple[dict[str, Any], ...] = ()
    requires_approval: bool = False
    # How many demo members apply (those eligible, in the registry's order).
    applicants: int = 0
    cancelled_because: str | None = None


EVENTS: tuple[DemoEvent, ...] = (
    DemoEvent(
        "training",
        "อบรมเชิงปฏิบัติการพัฒนาบรรจุภัณฑ์และตราสินค้า OTOP",
        "Packaging and branding course for OTOP producers",
        "หลักสูตร 2 วัน สำหรับผู้ประกอบการ OTOP จำนวน 34 คน งบประมาณ 91,000 บาท",
        "90",
        "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดสงขลา",
        month=1,
        day=10,
        days=2,
        capacity=34,
        budget="91000.00",
        eligibility={"province_codes": ["90"]},
        applicants=6,
    ),
    DemoEvent(
        "showcase",
        "2 ทศวรรษ OTOP ภาคใต้",
        "Two decades of OTOP in the South",
        "งานแสดงและจำหน่ายสินค้า OTOP จาก 14 จังหวัดภาคใต้",
        "90",
        "ศูนย์ประชุมนานาชาติฉลองสิริราชสมบัติครบ 60 ปี มหาวิทยาลัยสงขลานครินทร์ อ.หาดใหญ่",
        month=2,
        day=6,
        days=5,
        capacity=120,
        hours=(10, 21),
        budget="2500000.00",
        eligibility={"province_codes": SOUTH},
        applicants=14,
    ),
    DemoEvent(
        "workshop",
        "ประชุมเชิงปฏิบัติการถ่ายภาพสินค้าเพื่อขายออนไลน์",
        "Product photography workshop for online selling",
        "ฝึกถ่ายภาพสินค้าด้วยโทรศัพท์มือถือ จำนวนที่นั่งจำกัด",
        "90",
        "ศูนย์ OTOP จังหวัดสงขลา อ.หาดใหญ่",
        month=2,
        day=20,
        days=1,
        capacity=4,
        budget="12500.00",
        eligibility={"province_codes": ["90", "93"]},
        applicants=7,
    ),
    DemoEvent(
        "development_project",
        "โครงการพัฒนาผลิตภัณฑ์กลุ่มปรับตัวสู่การพัฒนา (กลุ่ม D)",
        "Product development project for group-D producers",
        "ผู้ผลิตกลุ่ม D 20 ราย และกรรมการเครือข่าย 20 ราย เงินสนับสนุนกลุ่มละ 50,000 บาท",
        "90",
        "สำนักงานพัฒนาชุมชนจังหวัดสงขลา",
        month=3,
        day=3,
        days=3,
        capacity=40,
        budget="1000000.00",
        eligibility={"province_codes": SOUTH},
        quotas=(
            {"label": "ผู้ผลิตกลุ่ม D", "places": 20, "segments": ["D"]},
            {
                "label": "กรรมการเครือข่าย",
                "places": 20,
                "network_roles": ["committee_member", "provincial_president"],
            },
        ),
        applicants=12,
    ),
    DemoEvent(
        "fair",
        "เทศกาลผ้าไหมมัดหมี่และของดี OTOP ขอนแก่น",
        "Khon Kaen mudmee silk and OTOP fair",
        "งานแสดงและจำหน่ายผ้าไหมมัดหมี่และผลิตภัณฑ์ OTOP จังหวัดขอนแก่น",
        "40",
        "ศูนย์ประชุมและแสดงสินค้านานาชาติขอนแก่น (KICE)",
        month=4,
        day=8,
        days=4,
        capacity=60,
        hours=(10, 20),
        budget="850000.00",
        applicants=8,
    ),
    DemoEvent(
        "training",
        "อบรมการขอรับรองมาตรฐานผลิตภัณฑ์ชุมชน (มผช.)",
        "Community product standard (TCPS) certification course",
        "เตรียมเอกสารและกระบวนการผลิตเพื่อขอรับรอง มผช.",
        "40",
        "ห้องประชุมศาลากลางจังหวัดขอนแก่น",
        month=5,
        day=14,
        days=1,
        capacity=40,
        budget="45000.00",
        eligibility={"province_codes": ["40", "49"]},
        applicants=5,
    ),
    DemoEvent(
        "fair",
        "มหกรรมสินค้า OTOP ริมโขง มุกดาหาร",
        "OTOP on the Mekong, Mukdahan",
        "ผ้าย้อมคราม ผ้าไหม และของดีสองฝั่งโขง",
        "49",
        "ลานอเนกประสงค์ริมฝั่งแม่น้ำโขง อ.เมืองมุกดาหาร",
        month=5,
        day=22,
        days=4,
        capacity=50,
        hours=(10, 21),
        budget="600000.00",
        applicants=6,
    ),
    DemoEvent(
        "workshop",
        "ประชุมเชิงปฏิบัติการเครือข่าย OTOP จังหวัดมุกดาหาร",
        "Mukdahan OTOP network workshop",
        "ทบทวนแผนพัฒนาเครือข่ายและการตลาดประจำปี",
        "49",
        "โรงแรมริมโขง อ.เมืองมุกดาหาร",
        month=6,
        day=5,
        days=1,
        capacity=30,
        budget="38500.00",
        eligibility={"province_codes": ["49"]},
        applicants=3,
    ),
    DemoEvent(
        "fair",
        "งาน OTOP ของดีเมืองสงขลา",
        "Songkhla OTOP fair",
        "สินค้า OTOP ระดับ 4-5 ดาวของจังหวัดสงขลา",
        "90",
        "ลานหน้าศาลากลางจังหวัดสงขลา",
        month=7,
        day=12,
        days=5,
        capacity=80,
        hours=(10, 21),
        budget="750000.00",
        eligibility={"province_codes": ["90"], "min_stars": 4},
        applicants=6,
    ),
    DemoEvent(
        "workshop",
        "อบรมการตลาดออนไลน์สำหรับผู้ประกอบการ OTOP",
        "Online marketing for OTOP entrepreneurs",
        "การขายผ่านแพลตฟอร์มออนไลน์และการจัดส่งสินค้า",
        "80",
        "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดนครศรีธรรมราช",
        month=8,
        day=4,
        days=2,
        capacity=50,
        budget="62000.00",
        eligibility={"province_codes": SOUTH},
        applicants=8,
    ),
    DemoEvent(
        "training",
        "อบรม KBO การจัดการความรู้เพื่อพัฒนาผลิตภัณฑ์",
        "KBO knowledge management course",
        "สำหรับผู้ประกอบการที่ผ่านการคัดเลือกโดยคณะกรรมการ KBO",
        "92",
        "ศูนย์ราชการจังหวัดตรัง",
        month=9,
        day=9,
        days=2,
        capacity=25,
        budget="55000.00",
        eligibility={"province_codes": SOUTH},
        requires_approval=True,
        applicants=5,
    ),
    DemoEvent(
        "showcase",
        "งานแสดงสินค้า OTOP ของดีชายแดนใต้",
        "Southern border provinces OTOP showcase",
        "สินค้า OTOP จากปัตตานี ยะลา และนราธิวาส",
        "94",
        "ศูนย์การค้าและลานกิจกรรม อ.เมืองปัตตานี",
        month=10,
        day=15,
        days=4,
        capacity=45,
        hours=(10, 20),
        eligibility={"province_codes": ["94", "95", "96"]},
        applicants=4,
        cancelled_because="เลื่อนการจัดงานเนื่องจากสถานการณ์น้ำท่วม",
    ),
    DemoEvent(
        "development_project",
        "โครงการพัฒนาผลิตภัณฑ์ผ้าทอพื้นถิ่น ขอนแก่น-มุกดาหาร",
        "Hand-woven textile development project",
        "ยกระดับผ้าทอของผู้ผลิตกลุ่ม C และ D สู่ตลาดสากล",
        "40",
        "ศูนย์ส่งเสริมศิลปาชีพ อ.ชนบท จังหวัดขอนแก่น",
        month=11,
        day=2,
        days=3,
        capacity=20,
        budget="400000.00",
        eligibility={"province_codes": ["40", "49"]},
        quotas=({"label": "ผู้ผลิตกลุ่ม D", "places": 10, "segments": ["D"]},),
        applicants=5,
    ),
    DemoEvent(
        "showcase",
        "OTOP City ภาคใต้ ส่งท้ายปี",
        "Southern OTOP City year-end showcase",
        "งานแสดงและจำหน่ายสินค้าส่งท้ายปีของเครือข่าย OTOP ภาคใต้",
        "84",
        "ศูนย์ประชุมเฉลิมพระเกียรติ จังหวัดสุราษฎร์ธานี",
        month=12,
        day=5,
        days=5,
        capacity=100,
        hours=(10, 21),
        budget="1800000.00",
        eligibility={"province_codes": SOUTH},
        applicants=10,
    ),
)


def _month_day(today: date, months: int, day: int) -> date:
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def event_body(event: DemoEvent, now: datetime) -> dict[str, Any]:
    """The POST /v1/events body, dated relative to `now` (Asia/Bangkok)."""
    first = _month_day(now.date(), event.month, event.day)
    starts = datetime.combine(first, time(event.hours[0]), BANGKOK)
    ends = datetime.combine(first + timedelta(days=event.days - 1), time(event.hours[1]), BANGKOK)
    return {
        "kind": event.kind,
        "title_th": event.title_th,
        "title_en": event.title_en,
        "description_th": event.description_th,
        "host_province_code": event.host_province_code,
        "venue_th": event.venue_th,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "registration_opens_at": (now - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (starts - timedelta(days=2)).isoformat(),
        "capacity": event.capacity,
        "budget": event.budget,
        "eligibility": event.eligibility,
        "quotas": list(event.quotas),
        "requires_approval": event.requires_approval,
    }


class _Api:
    def __init__(self, client: httpx.AsyncClient, admin_token: str) -> None:
        self._client = client
        self._headers = {"Authorization": f"Bearer {admin_token}"}

    async def call(
        self, method: str, url: str, body: dict[str, Any] | None = None, *, ok: tuple[int, ...] = ()
    ) -> httpx.Response:
        response = await self._client.request(method, url, json=body, headers=self._headers)
        if not response.is_success and response.status_code not in ok:
            detail = response.text[:500]
            with contextlib.suppress(ValueError):
                detail = response.json().get("detail", detail)
            raise DemoDataError(method, url, response.status_code, detail)
        return response

    async def all_items(self, url: str, **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            query = {**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
            page = (await self.call("GET", f"{url}?{httpx.QueryParams(query)}")).json()
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items


async def _wait_for_read_model(
    api: _Api, events_url: str, registry_url: str, patience: float
) -> list[dict[str, Any]]:
    """The registry's members, once this service's read model has each with its status and
    listed products (bounded: DemoDataError after `patience` seconds)."""
    members = await api.all_items(f"{registry_url}/v1/members")
    products = await api.all_items(f"{registry_url}/v1/products", status="listed")
    listed = Counter(p["member_id"] for p in products)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    waiting = list(members)
    while waiting:
        still: list[dict[str, Any]] = []
        for member in waiting:
            response = await api.call(
                "GET", f"{events_url}/v1/members/{member['member_id']}", ok=(404,)
            )
            known = response.json() if response.status_code == 200 else None
            if not (
                known
                and known["status"] == member["status"]
                and known["listed_products"] == listed[member["member_id"]]
            ):
                still.append(member)
        waiting = still
        if waiting:
            if loop.time() > deadline:
                raise DemoDataError(
                    "GET",
                    f"{events_url}/v1/members",
                    504,
                    f"{len(waiting)} registry members did not reach the events service "
                    f"within {patience:.0f}s",
                )
            await asyncio.sleep(0.5)
    return members


async def _load(api: _Api, events_url: str, registry_url: str, patience: float) -> dict[str, int]:
    counts = {"events": 0, "registrations": 0}
    existing = (await api.call("GET", f"{events_url}/v1/events?limit=1")).json()
    if existing["items"]:
        return counts
    members = await _wait_for_read_model(api, events_url, registry_url, patience)
    active = [m for m in members if m["status"] == "active"]
    now = now_bangkok()
    for demo in EVENTS:
        created = (await api.call("POST", f"{events_url}/v1/events", event_body(demo, now))).json()
        event_id = created["event_id"]
        await api.call("POST", f"{events_url}/v1/events/{event_id}/publish")
        counts["events"] += 1
        applied: list[dict[str, Any]] = []
        for member in active:
            if len(applied) >= demo.applicants:
                break
            response = await api.call(
                "POST",
                f"{events_url}/v1/events/{event_id}/registrations",
                {"member_id": member["member_id"]},
                ok=(409,),  # not eligible for this event: the next member applies
            )
            if response.status_code == 201:
                applied.append(response.json())
                counts["registrations"] += 1
        if demo.requires_approval:
            for registration in applied[: len(applied) - 1]:
                await api.call(
                    "POST",
                    f"{events_url}/v1/registrations/{registration['registration_id']}/approve",
                )
        if demo.cancelled_because:
            await api.call(
                "POST",
                f"{events_url}/v1/events/{event_id}/cancel",
                {"reason": demo.cancelled_because},
            )
    return counts


async def load_demo_data(
    events_url: str,
    registry_url: str,
    admin_token: str,
    *,
    client: httpx.AsyncClient | None = None,
    patience: float = READ_MODEL_PATIENCE,
) -> dict[str, int]:
    """Load the demo calendar; returns how many events and registrations were loaded."""
    if client is not None:
        return await _load(_Api(client, admin_token), events_url, registry_url, patience)
    async with httpx.AsyncClient(timeout=httpx.Timeout(30.0)) as own:
        return await _load(_Api(own, admin_token), events_url, registry_url, patience)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: the registry's members apply for the events."""
    return await load_demo_data(urls["events"], urls["registry"], admin_token)
