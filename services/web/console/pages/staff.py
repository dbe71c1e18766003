"""Staff accounts, for platform administrators: list, create, change roles and areas,
reset a password, deactivate."""

from __future__ import annotations

import uuid
from itertools import zip_longest
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from services.web.console.kit import Administrator, CsrfChecked, render
from services.web.console.state import web_state
from services.web.domain.accounts import StaffAccount
from shared.errors import DomainError, InvalidInput
from shared.identity.roles import ROLE_NAMES, Grant, Role

router = APIRouter(prefix="/console/staff", include_in_schema=False)

ROLE_CHOICES = [(role.value, *ROLE_NAMES[role]) for role in Role]
AREA_HINTS = {
    Role.PROVINCIAL_OFFICER: "รหัสจังหวัด 2 หลัก เช่น 90",
    Role.DISTRICT_OFFICER: "รหัสอำเภอ 4 หลัก เช่น 9001",
    Role.NETWORK_COMMITTEE: "รหัสจังหวัด 2 หลัก เช่น 90",
    Role.SHOP_MANAGER: "รหัสร้าน เช่น centre",
    Role.AUDITOR: "ไม่ต้องระบุ",
    Role.ADMINISTRATOR: "ไม่ต้องระบุ",
}


def grants_from(form: Any) -> list[Grant]:
    """Grants from the form's rows `role` / `area` (empty rows are skipped)."""
    roles, areas = form.getlist("role"), form.getlist("area")
    grants: list[Grant] = []
    for role, area in zip_longest(roles, areas, fillvalue=""):
        if not role or not isinstance(role, str) or not isinstance(area, str):
            continue
        try:
            grants.append(Grant(role=role, area=area.strip() or None))
        except ValidationError as exc:
            message = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            raise InvalidInput(f"บทบาทหรือพื้นที่ไม่ถูกต้อง / role or area: {message}") from None
    return grants


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    status = context.pop("status", 200)
    return render(
        request,
        f"console/staff/{template}",
        {"roles": ROLE_CHOICES, "area_hints": AREA_HINTS, **context},
        status_code=status,
    )


@router.get("", response_class=HTMLResponse)
async def staff_list(request: Request, session: Administrator) -> HTMLResponse:
    _, accounts = web_state(request).started()
    return _page(request, "list.html", accounts=await accounts.list())


@router.get("/new", response_class=HTMLResponse)
async def new_form(request: Request, session: Administrator) -> HTMLResponse:
    return _page(request, "new.html", form={})


@router.post("", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def create(request: Request, session: Administrator) -> Response:
    form = await request.form()
    _, accounts = web_state(request).started()
    try:
        created = await accounts.create(
            username=str(form.get("username", "")),
            display_name=str(form.get("display_name", "")),
            password=str(form.get("password", "")),
            grants=grants_from(form),
            changed_by=str(session.account_id),
        )
    except DomainError as exc:
        return _page(request, "new.html", form=dict(form), message=exc.detail, status=422)
    return RedirectResponse(f"/console/staff/{created.id}", status_code=303)


async def _account(request: Request, account_id: uuid.UUID) -> StaffAccount:
    _, accounts = web_state(request).started()
    return await accounts.get(account_id)


@router.get("/{account_id}", response_class=HTMLResponse)
async def account_page(
    request: Request, account_id: uuid.UUID, session: Administrator
) -> HTMLResponse:
    return _page(request, "account.html", account=await _account(request, account_id))


@router.post("/{account_id}/grants", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def set_grants(request: Request, account_id: uuid.UUID, session: Administrator) -> Response:
    _, accounts = web_state(request).started()
    try:
        await accounts.set_grants(
            account_id, grants_from(await request.form()), changed_by=str(session.account_id)
        )
    except InvalidInput as exc:
        account = await _account(request, account_id)
        return _page(request, "account.html", account=account, message=exc.detail, status=422)
    return RedirectResponse(f"/console/staff/{account_id}?saved=grants", status_code=303)


@router.post("/{account_id}/password", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def reset_password(
    request: Request, account_id: uuid.UUID, session: Administrator
) -> Response:
    _, accounts = web_state(request).started()
    form = await request.form()
    try:
        await accounts.reset_password(
            account_id, str(form.get("password", "")), changed_by=str(session.account_id)
        )
    except InvalidInput as exc:
        account = await _account(request, account_id)
        return _page(request, "account.html", account=account, message=exc.detail, status=422)
    return RedirectResponse(f"/console/staff/{account_id}?saved=password", status_code=303)


@router.post("/{account_id}/deactivate", dependencies=[CsrfChecked])
async def deactivate(request: Request, account_id: uuid.UUID, session: Administrator) -> Response:
    _, accounts = web_state(request).started()
    await accounts.deactivate(account_id, changed_by=str(session.account_id))
    return RedirectResponse(f"/console/staff/{account_id}?saved=deactivated", status_code=303)
