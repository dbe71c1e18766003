"""Console pages for consignment settlements: the list, running a period, one statement with
its lines, and the producer's printable PDF statement."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render, require
from services.web.console.shop.lookups import names_of, rights, shop_code, shop_name
from services.web.console.shop.statement import Statement, product_ids, statement_of
from services.web.console.shop.statement_pdf import statement_pdf
from shared.identity.roles import Action

router = APIRouter()


async def _list_page(
    request: Request,
    session: SignedIn,
    calls: Calls,
    chosen: dict[str, str],
    *,
    issued: list[dict[str, Any]] | None = None,
    problem: ServiceProblem | None = None,
) -> HTMLResponse:
    params: dict[str, Any] = {"limit": 100}
    for name in ("from", "to", "producer_id", "cursor"):
        if chosen.get(name):
            params[name] = chosen[name]
    page: dict[str, Any] = {"items": [], "next_cursor": None}
    try:
        page = await calls.get("sales", "/v1/settlements", params=params)
    except ServiceProblem as refused:
        if refused.status >= 500 or refused.status == 403:
            raise
        problem = problem or refused
    shown = [*(issued or []), *page["items"]]
    producers = await names_of(calls, "producer", (s["producer_id"] for s in shown))
    return render(
        request,
        "console/shop/settlements.html",
        {
            "page": page,
            "issued": issued,
            "producers": producers,
            "chosen": chosen,
            "problem": problem,
            **rights(request, session),
        },
        status_code=problem.status if problem else 200,
    )


@router.get("/settlements")
async def settlements(
    request: Request,
    session: SignedIn,
    calls: Calls,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    producer_id: uuid.UUID | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    chosen = {
        "from": start.isoformat() if start else "",
        "to": end.isoformat() if end else "",
        "producer_id": str(producer_id) if producer_id else "",
        "cursor": cursor or "",
    }
    return await _list_page(request, session, calls, chosen)


@router.post("/settlements", dependencies=[CsrfChecked])
async def run_settlements(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    """Settle a finished period; the page lists what was issued (nothing new on a re-run)."""
    require(session, Action.RUN_SHOP, shop_code(request))
    form = await request.form()
    period = {
        "period_start": str(form.get("period_start") or ""),
        "period_end": str(form.get("period_end") or ""),
    }
    chosen = {"from": period["period_start"], "to": period["period_end"]}
    try:
        answer = await calls.post("sales", "/v1/settlements", json=period)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _list_page(request, session, calls, {}, problem=problem)
    return await _list_page(request, session, calls, chosen, issued=answer["issued"])


async def _statement(request: Request, calls: Calls, settlement_id: uuid.UUID) -> Statement:
    detail = await calls.get("sales", f"/v1/settlements/{settlement_id}")
    settlement = detail["settlement"]
    producers = await names_of(calls, "producer", [settlement["producer_id"]])
    products = await names_of(calls, "product", product_ids(detail))
    producer = producers.get(str(settlement["producer_id"])) or str(settlement["producer_id"])
    return statement_of(
        detail, shop_name=shop_name(request), producer_name=producer, names=products
    )


@router.get("/settlements/{settlement_id}")
async def settlement(
    settlement_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    statement = await _statement(request, calls, settlement_id)
    return render(
        request,
        "console/shop/settlement.html",
        {"st": statement, **rights(request, session)},
    )


@router.get("/settlements/{settlement_id}/statement.pdf")
async def statement_file(
    settlement_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> Response:
    require(session, Action.READ_SHOP, shop_code(request))
    statement = await _statement(request, calls, settlement_id)
    return Response(
        statement_pdf(statement),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{statement.filename}"'},
    )
