"""Routes for network staff (admin token): terminals and keys, reports, settlements,
daily summaries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from services.privacy.document import PersonalDataHeld
from services.sales.adapters import views
from services.sales.adapters.personal_data import personal_data
from services.sales.adapters.settlements import list_settlements
from services.sales.adapters.terminals import key_from, terminal_from
from services.sales.domain.errors import InvalidInput, NotFound
from services.sales.entrypoints.schemas import (
    CatalogueEntry,
    CataloguePage,
    IssuedKey,
    KeyOut,
    RegisteredTerminal,
    RevenueReport,
    RevenueRow,
    SettlementPage,
    TerminalList,
    TerminalOut,
)
from services.sales.entrypoints.terminal_api import UoW
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import settlements, summaries, terminals
from services.sales.settings import SalesSettings
from shared.contracts.sales import DailySummary, SettlementIssued
from shared.http.auth import require_admin
from shared.money import from_satang
from shared.timeutil import now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])

PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]


@router.post(
    "/terminals", status_code=201, response_model=RegisteredTerminal, tags=["staff: terminals"]
)
async def register_terminal(
    body: commands.RegisterTerminal, uow: UoW, response: Response, request: Request
) -> RegisteredTerminal:
    """Register a terminal at the shop or at a published showcase event's booth. The answer
    carries its API key once; only a hash of it is kept. At most SALES_MAX_ACTIVE_TERMINALS
    terminals hold an active key (409 beyond)."""
    settings: SalesSettings = request.app.state.settings
    terminal, key, secret = await terminals.register_terminal(
        body, uow, max_in_service=settings.sales_max_active_terminals
    )
    response.headers["Location"] = f"/v1/terminals/{terminal.terminal_id}"
    out = TerminalOut.of(terminal, [key])
    return RegisteredTerminal(**out.model_dump(), api_key=secret)


@router.get("/terminals", response_model=TerminalList, tags=["staff: terminals"])
async def list_terminals(
    request: Request, cursor: Cursor = None, limit: PageSize = 100
) -> TerminalList:
    """The terminals with their keys, a page at a time in the order registered (then id);
    give `next_cursor` as `cursor` for the next page (null: the last)."""
    async with request.app.state.pool.acquire() as conn:
        page, keys = await views.terminals(conn, cursor=cursor, limit=limit)
    return TerminalList(
        items=[
            TerminalOut.of(
                terminal_from(r),
                [key_from(k) for k in keys if k["terminal_id"] == r["terminal_id"]],
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


@router.get("/terminals/{terminal_id}", response_model=TerminalOut, tags=["staff: terminals"])
async def get_terminal(terminal_id: uuid.UUID, uow: UoW) -> TerminalOut:
    async with uow:
        terminal = await uow.terminals.get(terminal_id)
        if terminal is None:
            raise NotFound(f"there is no terminal {terminal_id}")
        return TerminalOut.of(terminal, await uow.terminals.keys(terminal_id))


@router.post(
    "/terminals/{terminal_id}/keys",
    status_code=201,
    response_model=IssuedKey,
    tags=["staff: terminals"],
)
async def issue_key(terminal_id: uuid.UUID, uow: UoW) -> IssuedKey:
    """A second key, to rotate without downtime: install it, then revoke the old one. A
    terminal holds at most two active keys."""
    key, secret = await terminals.issue_key(terminal_id, uow)
    return IssuedKey(**KeyOut.of(key).model_dump(), terminal_id=terminal_id, api_key=secret)


@router.post(
    "/terminals/{terminal_id}/keys/{key_id}/revoke",
    response_model=KeyOut,
    tags=["staff: terminals"],
)
async def revoke_key(terminal_id: uuid.UUID, key_id: uuid.UUID, uow: UoW) -> KeyOut:
    return KeyOut.of(await terminals.revoke_key(terminal_id, key_id, uow))


@router.get("/catalogue", response_model=CataloguePage, tags=["staff: reports"])
async def catalogue(
    request: Request,
    status: Literal["listed", "delisted"] | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> CataloguePage:
    """The products this service knows from registry.products.v1 (what terminals can sell),
    a page at a time in the order of their SKU (then id); give `next_cursor` as `cursor` for
    the next page (null: the last)."""
    async with request.app.state.pool.acquire() as conn:
        page = await views.catalogue(conn, status, cursor=cursor, limit=limit)
    return CataloguePage(
        items=[
            CatalogueEntry(
                product_id=r["product_id"],
                producer_id=r["member_id"],
                sku=r["sku"],
                price=from_satang(r["price_satang"]),
                status=r["status"],
                version=r["version"],
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


@router.get("/reports/revenue", response_model=RevenueReport, tags=["staff: reports"])
async def revenue(
    request: Request,
    by: Literal["producer", "product", "event", "day"],
    period_start: Annotated[date, Query(alias="from")],
    period_end: Annotated[date, Query(alias="to")],
) -> RevenueReport:
    """Revenue by producer, product, event (empty key: the shop) or business day: sale lines
    net of their discount share, and refunds, both on the sale's business day; voided sales
    count for nothing. The totals equal the sum of the rows."""
    if period_start > period_end:
        raise InvalidInput("from is after to")
    async with request.app.state.pool.acquire() as conn:
        rows = await views.revenue(conn, by, period_start, period_end)
    out = [
        RevenueRow(
            key=r["key"] or None,
            sku=r["sku"] if by == "product" else None,
            sale_count=r["sale_count"],
            quantity_sold=r["quantity_sold"],
            quantity_refunded=r["quantity_refunded"],
            gross_sales=from_satang(r["gross"]),
            refunds=from_satang(r["refunds"]),
            net_sales=from_satang(r["gross"] - r["refunds"]),
        )
        for r in rows
    ]
    gross = sum(r["gross"] for r in rows)
    refunded = sum(r["refunds"] for r in rows)
    return RevenueReport(
        by=by,
        period_start=period_start,
        period_end=period_end,
        rows=out,
        total_gross_sales=from_satang(gross),
        total_refunds=from_satang(refunded),
        total_net_sales=from_satang(gross - refunded),
    )


@router.post("/settlements", tags=["staff: settlements"])
async def issue_settlements(
    body: commands.IssueSettlements, uow: UoW, request: Request
) -> dict[str, list[SettlementIssued]]:
    """Settle a finished period: one statement per producer with unpaid lines in it. Running
    it again issues nothing new, except corrections for lines that arrived since."""
    settings: SalesSettings = request.app.state.settings
    issued = await settlements.issue_settlements(body, uow, settings.sales_commission_percent)
    return {"issued": issued}


@router.get("/settlements", response_model=SettlementPage, tags=["staff: settlements"])
async def get_settlements(
    request: Request,
    producer_id: uuid.UUID | None = None,
    period_start: Annotated[date | None, Query(alias="from")] = None,
    period_end: Annotated[date | None, Query(alias="to")] = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> SettlementPage:
    """Settlements overlapping the period, a page at a time: by period, then producer, then
    when issued (a correction after what it corrects), then id; give `next_cursor` as
    `cursor` for the next page (null: the last)."""
    async with request.app.state.pool.acquire() as conn:
        page = await list_settlements(
            conn, producer_id, period_start, period_end, cursor=cursor, limit=limit
        )
    return SettlementPage(
        items=[
            SettlementIssued(
                settlement_id=r["settlement_id"],
                producer_id=r["producer_id"],
                period_start=r["period_start"],
                period_end=r["period_end"],
                sale_count=r["sale_count"],
                gross_sales=from_satang(r["gross_satang"]),
                refunds=from_satang(r["refunds_satang"]),
                net_sales=from_satang(r["net_satang"]),
                commission_percent=r["commission_percent"],
                commission=from_satang(r["commission_satang"]),
                net_payout=from_satang(r["payout_satang"]),
                issued_at=r["issued_at"],
                corrects=r["corrects"],
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


@router.post("/daily-summaries", tags=["staff: reports"])
async def run_daily_summaries(
    body: commands.SummariseDay, uow: UoW
) -> dict[str, list[DailySummary]]:
    """Publish the daily summaries of a finished business day now (new revisions only where
    the figures changed since the last one)."""
    return {"published": await summaries.summarise_day(body.business_day, uow)}


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
)
async def member_personal_data(member_id: uuid.UUID, request: Request) -> PersonalDataHeld:
    """What sales hold linked to the member as a producer (the right to see, PDPA): catalogue
    entries, sale and refund lines, settlements and daily summaries; amounts and ids only,
    kept five years (tax and accounting records), never the person."""
    async with request.app.state.pool.acquire() as conn:
        held = await personal_data(conn, member_id)
    return PersonalDataHeld(
        service="sales", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
