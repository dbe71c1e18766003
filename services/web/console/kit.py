"""What a console page module is built with.

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render

router = APIRouter(prefix="/console/members")

@router.get("")
async def members(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    found = await calls.get("registry", "/v1/members", params={"limit": 50})
    return render(request, "console/members/list.html", {"members": found})

@router.post("/{member_id}/suspend", dependencies=[CsrfChecked])
async def suspend(...): ...
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Request

from services.web.console.calls import ServiceCalls, ServiceProblem, service_calls
from services.web.console.filters import area_name, baht, be_date, be_datetime, role_name
from services.web.console.rendering import is_htmx, render
from services.web.console.session import (
    ConsoleRefusal,
    administrator,
    csrf_checked,
    signed_in,
)
from services.web.console.state import web_state
from services.web.domain.sessions import StaffSession
from shared.identity.roles import Action

SignedIn = Annotated[StaffSession, Depends(signed_in)]
Administrator = Annotated[StaffSession, Depends(administrator)]
Calls = Annotated[ServiceCalls, Depends(service_calls)]
CsrfChecked = Depends(csrf_checked)


def require(session: StaffSession, action: Action, area: str | None = None) -> None:
    """Refuse the page (403, Thai first) when the staff member may not do `action` there."""
    if not session.may(action, area):
        raise ConsoleRefusal("บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้ในพื้นที่นี้ / your roles do not allow this here")


async def account_names(request: Request, ids: Iterable[str | uuid.UUID]) -> dict[str, str]:
    """{account id: display name} for the ids that are staff accounts (audit lists)."""
    wanted: list[uuid.UUID] = []
    for value in ids:
        try:
            wanted.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    if not wanted:
        return {}
    _, accounts = web_state(request).started()
    found = await accounts.names(sorted(set(wanted)))
    return {str(k): v for k, v in found.items()}


__all__ = [
    "Administrator",
    "Calls",
    "ConsoleRefusal",
    "CsrfChecked",
    "ServiceCalls",
    "ServiceProblem",
    "SignedIn",
    "StaffSession",
    "account_names",
    "area_name",
    "baht",
    "be_date",
    "be_datetime",
    "is_htmx",
    "render",
    "require",
    "role_name",
]
