"""The console's trainings and workshops: participants (members and officials by name) with
quota use per district, adding an official, the agenda and attendance per session, expenses
against the budget, and the certificates of attendance as a PDF."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

import geothai
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.certificate_pdf import certificates_pdf
from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from services.web.console.pages.calendar import (
    KIND_NAMES,
    REGISTRATION_NAMES,
    STATUS_NAMES,
    at_bangkok,
)
from shared.identity.roles import Action

router = APIRouter(prefix="/console/trainings")

TRAINING_KINDS = ("training", "workshop")
PARTICIPANT_KINDS = {
    "member": ("สมาชิก", "Member"),
    "official": ("เจ้าหน้าที่", "Official"),
    "office_holder": ("ผู้ดำรงตำแหน่งในเครือข่าย", "Network office holder"),
}
NAMES = {
    "kind_names": KIND_NAMES,
    "status_names": STATUS_NAMES,
    "registration_names": REGISTRATION_NAMES,
    "participant_kinds": PARTICIPANT_KINDS,
}
Text = Annotated[str, Form(max_length=300)]
OptionalText = Annotated[str, Form(max_length=300)]


def districts(province_code: str) -> list[tuple[str, str]]:
    return [(d.code, d.name_th) for d in geothai.districts(province_code)]


def district_name(code: str | None) -> str:
    district = geothai.district(code) if code else None
    return district.name_th if district else "—"


def quota_table(quota_use: dict[str, Any]) -> list[dict[str, Any]]:
    """Quota rows grouped by district (district quotas side by side), provincial ones last."""
    by_district: dict[str, dict[str, Any]] = {}
    provincial: list[dict[str, Any]] = []
    for row in quota_use["items"]:
        if row["district_code"] is None:
            provincial.append(row)
            continue
        entry = by_district.setdefault(
            row["district_code"],
            {"district_code": row["district_code"], "name": row["district_name_th"], "quotas": {}},
        )
        entry["quotas"][row["quota"]] = row
    return [*by_district.values(), *({"provincial": r} for r in provincial)]


def district_quota_labels(quota_use: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(r["quota"] for r in quota_use["items"] if r["district_code"]))


def person_name(registration: dict[str, Any]) -> str:
    participant = registration.get("participant")
    if participant:
        return participant["name_th"]
    return registration.get("member_name_th") or "(ไม่มีชื่อ / no name)"


@router.get("", response_class=HTMLResponse)
async def trainings(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    since = (date.today() - timedelta(days=400)).isoformat()
    found: list[dict[str, Any]] = []
    for kind in TRAINING_KINDS:
        page = await calls.get(
            "events", "/v1/events", params={"kind": kind, "from": since, "limit": "200"}
        )
        found.extend(page["items"])
    found.sort(key=lambda e: e["starts_at"])
    return render(request, "console/trainings/list.html", {"events": found, **NAMES})


@router.get("/{event_id}", response_class=HTMLResponse)
async def training(
    request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    event = await calls.get("events", f"/v1/events/{event_id}")
    page = await calls.get(
        "events", f"/v1/events/{event_id}/registrations", params={"limit": "500"}
    )
    registrations = [r for r in page["items"] if r["status"] != "cancelled"]
    quota_use = await calls.get("events", f"/v1/events/{event_id}/quota-use")
    agenda = await calls.get("events", f"/v1/events/{event_id}/sessions")
    expenses = await calls.get("events", f"/v1/events/{event_id}/expenses")
    due = await calls.get("events", f"/v1/events/{event_id}/certificates")
    host = event["host_province_code"]
    attendees = [r for r in registrations if r["status"] == "confirmed"]
    context = {
        "event": event,
        "registrations": registrations,
        "attendees": attendees,
        "names": {r["registration_id"]: person_name(r) for r in registrations},
        "quota_rows": quota_table(quota_use),
        "district_quotas": district_quota_labels(quota_use),
        "quota_use": quota_use,
        "agenda": agenda,
        "attended": {
            s["session_id"]: set(map(str, s["registration_ids"])) for s in agenda["items"]
        },
        "expenses": expenses,
        "spent_share": spent_share(expenses),
        "certificates": due,
        "districts": districts(host),
        "district_name": district_name,
        "may_register": session.may(Action.MANAGE_REGISTRATIONS, host),
        "may_manage": session.may(Action.MANAGE_EVENTS, host),
        "is_running": event["status"] == "published",
        **NAMES,
    }
    return render(request, "console/trainings/training.html", context)


def back(event_id: uuid.UUID, anchor: str) -> RedirectResponse:
    return RedirectResponse(f"/console/trainings/{event_id}#{anchor}", status_code=303)


@router.post("/{event_id}/participants", dependencies=[CsrfChecked])
async def add_participant(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    kind: Annotated[str, Form(pattern="^(official|office_holder)$")],
    name_th: Text,
    position_th: Text,
    province_code: Annotated[str, Form(pattern="^[0-9]{2}$")],
    district_code: Annotated[str, Form(max_length=4)] = "",
    organisation: OptionalText = "",
    name_en: OptionalText = "",
):
    body: dict[str, Any] = {
        "kind": kind,
        "name_th": name_th,
        "position_th": position_th,
        "province_code": province_code,
    }
    for key, value in (
        ("district_code", district_code),
        ("organisation", organisation),
        ("name_en", name_en),
    ):
        if value.strip():
            body[key] = value.strip()
    await calls.post("events", f"/v1/events/{event_id}/participants", json=body)
    return back(event_id, "participants")


@router.post("/{event_id}/participants/{registration_id}/cancel", dependencies=[CsrfChecked])
async def cancel_participant(
    event_id: uuid.UUID, registration_id: uuid.UUID, session: SignedIn, calls: Calls
):
    await calls.post("events", f"/v1/events/{event_id}/participants/{registration_id}/cancel")
    return back(event_id, "participants")


@router.post("/{event_id}/sessions", dependencies=[CsrfChecked])
async def add_session(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    title_th: Text,
    starts_at: Annotated[str, Form(max_length=30)],
    ends_at: Annotated[str, Form(max_length=30)],
    title_en: OptionalText = "",
    speakers: Annotated[str, Form(max_length=2000)] = "",
    room: OptionalText = "",
):
    body: dict[str, Any] = {
        "title_th": title_th,
        "starts_at": at_bangkok(starts_at),
        "ends_at": at_bangkok(ends_at),
        "speakers": [s.strip() for s in speakers.split(",") if s.strip()],
    }
    if title_en.strip():
        body["title_en"] = title_en.strip()
    if room.strip():
        body["room"] = room.strip()
    await calls.post("events", f"/v1/events/{event_id}/sessions", json=body)
    return back(event_id, "agenda")


@router.post("/{event_id}/sessions/{session_id}/remove", dependencies=[CsrfChecked])
async def remove_session(
    event_id: uuid.UUID, session_id: uuid.UUID, session: SignedIn, calls: Calls
):
    await calls.delete("events", f"/v1/events/{event_id}/sessions/{session_id}")
    return back(event_id, "agenda")


@router.post("/{event_id}/sessions/{session_id}/attendance", dependencies=[CsrfChecked])
async def record_attendance(
    request: Request, event_id: uuid.UUID, session_id: uuid.UUID, session: SignedIn, calls: Calls
):
    form = await request.form()
    try:
        ids = [str(uuid.UUID(str(v))) for v in form.getlist("registration_id")][:500]
    except ValueError:
        raise ServiceProblem(
            422, "Invalid input", "รหัสการลงทะเบียนไม่ถูกต้อง / a registration id is not valid"
        ) from None
    if ids:
        await calls.post(
            "events",
            f"/v1/events/{event_id}/sessions/{session_id}/attendance",
            json={"registration_ids": ids},
        )
    return back(event_id, f"session-{session_id}")


@router.post("/{event_id}/certificate-rule", dependencies=[CsrfChecked])
async def certificate_rule(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    certificate_min_sessions: Annotated[str, Form(max_length=3)] = "",
):
    value = certificate_min_sessions.strip()
    if value and not value.isdecimal():
        raise ServiceProblem(
            422,
            "Invalid input",
            "จำนวนหัวข้อต้องเป็นตัวเลข หรือเว้นว่างหมายถึงทุกหัวข้อ / the sessions needed are a "
            "number, or empty for every session",
        )
    body = {"certificate_min_sessions": int(value) if value else None}
    await calls.put("events", f"/v1/events/{event_id}/certificate-rule", json=body)
    return back(event_id, "certificates")


@router.post("/{event_id}/expenses", dependencies=[CsrfChecked])
async def add_expense(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    item_th: Text,
    amount: Annotated[str, Form(max_length=20)],
    spent_on: Annotated[date, Form()],
):
    body = {"item_th": item_th, "amount": amount.strip(), "spent_on": spent_on.isoformat()}
    await calls.post("events", f"/v1/events/{event_id}/expenses", json=body)
    return back(event_id, "expenses")


@router.post("/{event_id}/certificates/issue", dependencies=[CsrfChecked])
async def issue_certificates(event_id: uuid.UUID, session: SignedIn, calls: Calls):
    await calls.post("events", f"/v1/events/{event_id}/certificates/issue")
    return back(event_id, "certificates")


@router.get("/{event_id}/certificates.pdf")
async def certificates_document(event_id: uuid.UUID, session: SignedIn, calls: Calls) -> Response:
    """Every certificate due, one page each (Thai, Buddhist-era dates)."""
    event = await calls.get("events", f"/v1/events/{event_id}")
    due = await calls.get("events", f"/v1/events/{event_id}/certificates")
    province = geothai.province(event["host_province_code"])
    issuer = f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th if province else ''}"
    pdf = certificates_pdf(due, issuer)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="certificates-{event_id}.pdf"'},
    )


def spent_share(expenses: dict[str, Any]) -> int:
    """Percent of the budget spent, for the bar (0 without a budget)."""
    if not expenses.get("budget"):
        return 0
    budget = Decimal(expenses["budget"])
    return int(Decimal(expenses["spent"]) * 100 / budget) if budget else 0
