"""The console's development projects: the list, and a project's page with its selection
rules and candidates, grants against the budget with their disbursements, development plans
with each product's stars before and after, and KBO nominations by province."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.web.console.kit import Calls, CsrfChecked, SignedIn, render
from services.web.console.pages.calendar import STATUS_NAMES, provinces
from shared.identity.roles import Action

router = APIRouter(prefix="/console/projects")

SEGMENTS = ("A", "B", "C", "D")
ROLE_NAMES = {
    "provincial_president": ("ประธานเครือข่ายระดับจังหวัด", "Provincial network president"),
    "district_president": ("ประธานเครือข่ายระดับอำเภอ", "District network president"),
    "committee_member": ("กรรมการเครือข่าย", "Network committee member"),
    "kbo_committee": ("กรรมการ KBO", "KBO committee member"),
}
REGISTRATION_NAMES = {
    "pending_approval": "รออนุมัติ / awaiting approval",
    "confirmed": "ยืนยันแล้ว / confirmed",
    "waitlisted": "รอคิว / waitlisted",
}
RECIPIENT_NAMES = {"group": "รายกลุ่ม / per group", "member": "รายสมาชิก / per member"}


def stars(value: int | None) -> str:
    return f"{value} ดาว" if value else "ยังไม่ได้รับการคัดสรร / not rated"


def reason_th(reason: str) -> str:
    if reason.startswith("segment "):
        return f"กลุ่ม {reason.removeprefix('segment ')}"
    if reason.endswith(" stars"):
        return f"{reason.removesuffix(' stars')} ดาว"
    if reason in ROLE_NAMES:
        return ROLE_NAMES[reason][0]
    return "ทุกสมาชิก / every member" if reason == "every member" else reason


@router.get("", response_class=HTMLResponse)
async def projects(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    page = await calls.get(
        "events", "/v1/events", params={"kind": "development_project", "limit": "200"}
    )
    context = {"events": page["items"], "status_names": STATUS_NAMES}
    return render(request, "console/projects/list.html", context)


@router.get("/{event_id}", response_class=HTMLResponse)
async def project_page(
    request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    base = f"/v1/projects/{event_id}"
    project = await calls.get("events", base)
    candidates = (await calls.get("events", f"{base}/candidates"))["items"]
    grants = (await calls.get("events", f"{base}/grants"))["items"]
    plans = (await calls.get("events", f"{base}/plans"))["items"]
    nominations = (await calls.get("events", f"{base}/nominations"))["items"]
    confirmed = [c for c in candidates if c["registration_status"] == "confirmed"]
    granted = {g["member_id"] for g in grants}
    context = {
        "project": project,
        "rules": project["rules"] or {},
        "candidates": candidates,
        "grants": grants,
        "plans": plans,
        "nominations": nominations,
        "recipients": [c for c in confirmed if c["member_id"] not in granted],
        "nominators": [c for c in confirmed if "kbo_committee" in c["roles"]],
        "nominated_provinces": {n["province_code"] for n in nominations},
        "may_manage": session.may(Action.MANAGE_EVENTS, project["host_province_code"]),
        "segments": SEGMENTS,
        "role_names": ROLE_NAMES,
        "registration_names": REGISTRATION_NAMES,
        "recipient_names": RECIPIENT_NAMES,
        "status_names": STATUS_NAMES,
        "provinces": provinces(),
        "stars": stars,
        "reason_th": reason_th,
    }
    return render(request, "console/projects/project.html", context)


def _back(event_id: uuid.UUID, section: str) -> RedirectResponse:
    return RedirectResponse(f"/console/projects/{event_id}#{section}", status_code=303)


@router.post("/{event_id}/rules", dependencies=[CsrfChecked])
async def set_rules(request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls):
    form = await request.form()
    body: dict[str, Any] = {
        "segments": [s for s in form.getlist("segments") if s in SEGMENTS],
        "network_roles": [r for r in form.getlist("network_roles") if r in ROLE_NAMES],
        "province_codes": [str(p) for p in form.getlist("province_codes") if p],
    }
    if str(form.get("max_stars") or "").strip():
        body["max_stars"] = str(form["max_stars"]).strip()
    await calls.put("events", f"/v1/projects/{event_id}/rules", json=body)
    return _back(event_id, "candidates")


@router.post("/{event_id}/selections", dependencies=[CsrfChecked])
async def select(request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls):
    member_ids = [str(m) for m in (await request.form()).getlist("member_ids")]
    body = {"member_ids": member_ids}
    await calls.post("events", f"/v1/projects/{event_id}/selections", json=body)
    return _back(event_id, "candidates")


@router.post("/{event_id}/grants", dependencies=[CsrfChecked])
async def allocate(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    member_id: Annotated[uuid.UUID, Form()],
    amount: Annotated[str, Form(max_length=20)],
    purpose_th: Annotated[str, Form(max_length=500)],
    recipient_kind: Annotated[str, Form(max_length=10)] = "group",
):
    body = {
        "member_id": str(member_id),
        "amount": amount.strip().replace(",", ""),
        "purpose_th": purpose_th,
        "recipient_kind": recipient_kind,
    }
    await calls.post("events", f"/v1/projects/{event_id}/grants", json=body)
    return _back(event_id, "grants")


@router.post("/{event_id}/grants/{grant_id}/disbursements", dependencies=[CsrfChecked])
async def disburse(
    event_id: uuid.UUID,
    grant_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    amount: Annotated[str, Form(max_length=20)],
    disbursed_on: Annotated[str, Form(max_length=10)],
    note_th: Annotated[str, Form(max_length=500)] = "",
):
    body: dict[str, Any] = {
        "amount": amount.strip().replace(",", ""),
        "disbursed_on": disbursed_on,
    }
    if note_th.strip():
        body["note_th"] = note_th.strip()
    path = f"/v1/projects/{event_id}/grants/{grant_id}/disbursements"
    await calls.post("events", path, json=body)
    return _back(event_id, "grants")


@router.post("/{event_id}/plans/{product_id}", dependencies=[CsrfChecked])
async def record_plan(
    event_id: uuid.UUID,
    product_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    goal_th: Annotated[str, Form(max_length=1000)],
    actions: Annotated[str, Form(max_length=10_000)] = "",
    target_stars: Annotated[str, Form(max_length=1)] = "",
):
    body: dict[str, Any] = {
        "goal_th": goal_th,
        "actions": [line.strip() for line in actions.splitlines() if line.strip()],
    }
    if target_stars.strip():
        body["target_stars"] = target_stars.strip()
    await calls.put("events", f"/v1/projects/{event_id}/plans/{product_id}", json=body)
    return _back(event_id, "plans")


@router.post("/{event_id}/nominations", dependencies=[CsrfChecked])
async def nominate(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    product_id: Annotated[uuid.UUID, Form()],
    nominated_by_member_id: Annotated[uuid.UUID, Form()],
):
    body = {"product_id": str(product_id), "nominated_by_member_id": str(nominated_by_member_id)}
    await calls.post("events", f"/v1/projects/{event_id}/nominations", json=body)
    return _back(event_id, "nominations")
