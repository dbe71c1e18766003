"""Console pages for the shop's terminals: the list, registering one (its key shown once,
with a pairing QR code), issuing a new key (rotation) and revoking keys."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render, require
from services.web.console.shop.lookups import names_of, rights, sales_url, shop_code
from services.web.console.shop.pairing import pairing_payload, qr_svg
from shared.identity.roles import Action

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
LOCATIONS = {"shop": ("หน้าร้าน", "Shop"), "booth": ("บูธในงาน", "Event booth")}


async def _terminals(calls: Calls) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = None
    for _ in range(20):  # 2,000 terminals at most on one page
        params: dict[str, Any] = {"limit": 100}
        if cursor:
            params["cursor"] = cursor
        page = await calls.get("sales", "/v1/terminals", params=params)
        found.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    for terminal in found:
        terminal["active_keys"] = [k for k in terminal["keys"] if k["active"]]
    return found


async def _list_page(
    request: Request, session: SignedIn, calls: Calls, problem: ServiceProblem | None = None
) -> HTMLResponse:
    terminals = await _terminals(calls)
    events = await names_of(calls, "event", (t.get("event_id") for t in terminals))
    return render(
        request,
        "console/shop/terminals.html",
        {
            "terminals": terminals,
            "events": events,
            "locations": LOCATIONS,
            "problem": problem,
            **rights(request, session),
        },
        status_code=problem.status if problem and 400 <= problem.status < 500 else 200,
    )


@router.get("/terminals")
async def terminals(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    return await _list_page(request, session, calls)


def _issued_page(request: Request, issued: dict[str, Any], terminal: dict[str, Any]) -> Response:
    payload = pairing_payload(issued, sales_url(request))
    context = {"issued": issued, "terminal": terminal, "qr": qr_svg(payload), "payload": payload}
    return render(request, "console/shop/issued.html", context, headers=NO_STORE)


@router.post("/terminals", dependencies=[CsrfChecked])
async def register(request: Request, session: SignedIn, calls: Calls) -> Response:
    require(session, Action.RUN_SHOP, shop_code(request))
    form = await request.form()
    body: dict[str, Any] = {
        "name": str(form.get("name") or "").strip(),
        "location": str(form.get("location") or "shop"),
    }
    event_id = str(form.get("event_id") or "").strip()
    if event_id:
        body["event_id"] = event_id
    try:
        issued = await calls.post("sales", "/v1/terminals", json=body)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _list_page(request, session, calls, problem)
    return _issued_page(request, issued, issued)


@router.post("/terminals/{terminal_id}/keys", dependencies=[CsrfChecked])
async def rotate(
    terminal_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> Response:
    """A new key for the terminal; the page then offers to revoke the old one."""
    require(session, Action.RUN_SHOP, shop_code(request))
    try:
        issued = await calls.post("sales", f"/v1/terminals/{terminal_id}/keys")
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _list_page(request, session, calls, problem)
    terminal = await calls.get("sales", f"/v1/terminals/{terminal_id}")
    terminal["old_keys"] = [
        k for k in terminal["keys"] if k["active"] and k["key_id"] != issued["key_id"]
    ]
    return _issued_page(request, issued, terminal)


@router.post("/terminals/{terminal_id}/keys/{key_id}/revoke", dependencies=[CsrfChecked])
async def revoke_key(
    terminal_id: uuid.UUID, key_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> Response:
    require(session, Action.RUN_SHOP, shop_code(request))
    try:
        await calls.post("sales", f"/v1/terminals/{terminal_id}/keys/{key_id}/revoke")
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _list_page(request, session, calls, problem)
    return RedirectResponse("/console/shop/terminals", status_code=303)


@router.post("/terminals/{terminal_id}/revoke", dependencies=[CsrfChecked])
async def retire(
    terminal_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> Response:
    """Revoke every active key: the terminal is out of service."""
    require(session, Action.RUN_SHOP, shop_code(request))
    try:
        terminal = await calls.get("sales", f"/v1/terminals/{terminal_id}")
        for key in terminal["keys"]:
            if key["active"]:
                path = f"/v1/terminals/{terminal_id}/keys/{key['key_id']}/revoke"
                await calls.post("sales", path)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _list_page(request, session, calls, problem)
    return RedirectResponse("/console/shop/terminals", status_code=303)
