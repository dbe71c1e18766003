"""Check-in at the event's door, from a phone: the camera reads a registration's QR code (or
the code is typed), the member is checked in and the result shown large, green or red. And
the registration's own page, with the QR code that the door reads."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import segno
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from services.web.console.pages.calendar import NAMES
from shared.identity.roles import Action

router = APIRouter(prefix="/console/checkin")

# What a registration's QR code carries: its id, with a prefix so the door can tell an OTOP
# pass from any other code a camera happens to see.
PASS_PREFIX = "OTOP-REG:"


def pass_code(registration_id: uuid.UUID | str) -> str:
    return f"{PASS_PREFIX}{registration_id}"


def registration_of(code: str) -> uuid.UUID | None:
    """The registration id in a scanned or typed code (the pass's text or the bare id)."""
    text = code.strip()
    if text.upper().startswith(PASS_PREFIX):
        text = text[len(PASS_PREFIX) :]
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None


def qr_svg(registration_id: uuid.UUID | str, scale: int = 5) -> Markup:
    """The pass's QR code as inline SVG (nothing fetched from anywhere)."""
    svg = segno.make(pass_code(registration_id), error="m").svg_inline(
        scale=scale, border=2, omitsize=True
    )
    return Markup(svg)  # segno's own SVG: no text from a person in it


PARTICIPANT_KIND_TH = {"official": "เจ้าหน้าที่", "office_holder": "ผู้ดำรงตำแหน่งในเครือข่าย"}


def per_session(registration: dict[str, Any], event_id: uuid.UUID) -> dict[str, Any]:
    """An official or office holder at a training's door: no check-in there, their
    attendance is ticked per session on the training's page."""
    participant = registration["participant"]
    kind = participant.get("kind", "")
    return {
        "outcome": "refused",
        "registration": registration,
        "participant": participant,
        "participant_kind_th": PARTICIPANT_KIND_TH.get(kind, kind),
        "headline": "บันทึกการเข้าร่วมรายหัวข้อ / Attendance is recorded per session",
        "detail": (
            "เจ้าหน้าที่และผู้ดำรงตำแหน่งในเครือข่ายไม่เช็คอินที่หน้างาน: บันทึกการเข้าร่วมของแต่ละ"
            "หัวข้อในหน้าการอบรม / Officials and office holders do not check in at the door: "
            "their attendance is recorded per session on the training's page."
        ),
        "link": f"/console/trainings/{event_id}",
        "link_text": "ไปที่หน้าการอบรม / Open the training's page",
    }


async def door_result(calls: Any, event_id: uuid.UUID, code: str) -> dict[str, Any]:
    """Check the code's registration in at the event's door; what the door shows."""
    registration_id = registration_of(code)
    if registration_id is None:
        return {
            "outcome": "refused",
            "headline": "รหัสไม่ถูกต้อง / Not a registration code",
            "detail": "รหัสต้องเป็นรหัสการลงทะเบียนจากบัตร QR / The code must be a pass's code",
        }
    try:
        before = await calls.get("events", f"/v1/registrations/{registration_id}")
        if before["event_id"] != str(event_id):
            title = before.get("event", {}).get("title_th", "")
            return {
                "outcome": "refused",
                "registration": before,
                "headline": "ลงทะเบียนกิจกรรมอื่น / Registered for another event",
                "detail": title,
            }
        if before.get("participant"):
            return per_session(before, event_id)
        if before["checked_in_at"]:
            return {
                "outcome": "already",
                "registration": before,
                "headline": "เข้างานแล้ว / Already checked in",
            }
        path = f"/v1/registrations/{registration_id}/check-in?event_id={event_id}"
        after = await calls.post("events", path)
    except ServiceProblem as problem:
        headline = (
            "ไม่พบการลงทะเบียน / No such registration"
            if problem.status == 404
            else "เข้างานไม่ได้ / Cannot check in"
        )
        return {"outcome": "refused", "headline": headline, "detail": problem.detail}
    return {"outcome": "admitted", "registration": after, "headline": "เข้างานได้ / Welcome"}


async def door_page(
    request: Request, calls: Any, event_id: uuid.UUID, result: dict[str, Any] | None = None
) -> HTMLResponse:
    event = await calls.get("events", f"/v1/events/{event_id}")
    context = {"event": event, "result": result, **NAMES}
    return render(request, "console/checkin/door.html", context)


@router.get("", response_class=HTMLResponse)
async def door(
    request: Request,
    session: SignedIn,
    calls: Calls,
    event: Annotated[uuid.UUID | None, Query()] = None,
) -> HTMLResponse:
    if event is None:
        page = await calls.get("events", "/v1/events", params={"status": "published"})
        context = {"events": page["items"], **NAMES}
        return render(request, "console/checkin/choose.html", context)
    return await door_page(request, calls, event)


@router.post("", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def check_in(
    request: Request,
    session: SignedIn,
    calls: Calls,
    event: Annotated[uuid.UUID, Form()],
    code: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    result = await door_result(calls, event, code)
    if request.headers.get("HX-Request") == "true":
        return render(request, "console/checkin/_result.html", {"result": result})
    return await door_page(request, calls, event, result)


@router.get("/registrations/{registration_id}", response_class=HTMLResponse)
async def registration_pass(
    request: Request, registration_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    registration = await calls.get("events", f"/v1/registrations/{registration_id}")
    host = registration.get("event", {}).get("host_province_code")
    context = {
        "registration": registration,
        "qr": qr_svg(registration_id),
        "code": pass_code(registration_id),
        "may_register": bool(host) and session.may(Action.MANAGE_REGISTRATIONS, host),
        **NAMES,
    }
    return render(request, "console/checkin/pass.html", context)
