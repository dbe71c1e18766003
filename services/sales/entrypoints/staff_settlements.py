"""Staff routes for consignment settlements: running them takes a shop manager of this shop
(or an administrator, or the admin token); reading them, anyone who may read the shop's
reports (auditors too)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import asyncpg
from fastapi import APIRouter, Depends, Query

from services.sales.adapters.contract_events import to_contract
from services.sales.adapters.settlement_stock import stock_position
from services.sales.adapters.settlements import list_settlements, settlement_with_lines
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings
from services.sales.entrypoints.schemas import (
    ProductStock,
    SettledRefundLine,
    SettledSaleLine,
    SettlementPage,
    SettlementStatement,
    StockPosition,
)
from services.sales.service_layer import access, commands
from shared.contracts.sales import SettlementIssued
from shared.http.auth import require_staff
from shared.money import from_satang

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


def _settlement(r: asyncpg.Record) -> SettlementIssued:
    return SettlementIssued(
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


def _position(rows: list[asyncpg.Record]) -> StockPosition:
    products = [ProductStock(**dict(r)) for r in rows]
    totals = {
        field: sum(getattr(p, field) for p in products)
        for field in ("opening", "delivered", "sold", "refunded", "returned", "adjusted", "on_hand")
    }
    return StockPosition(**totals, products=products)


@router.post("/settlements", tags=["staff: settlements"])
async def issue_settlements(
    body: commands.IssueSettlements, bus: Bus, settings: Settings
) -> dict[str, list[SettlementIssued]]:
    """Settle a finished period: one statement per producer with unpaid lines in it. Running
    it again issues nothing new, except corrections for lines that arrived since."""
    issued = await bus.handle(
        commands.SettlePeriod(
            period=body,
            commission_percent=settings.sales_commission_percent,
            shop=settings.shop_code,
        )
    )
    return {"issued": [to_contract(settlement) for settlement in issued]}


@router.get("/settlements", response_model=SettlementPage, tags=["staff: settlements"])
async def get_settlements(
    conn: Db,
    settings: Settings,
    producer_id: uuid.UUID | None = None,
    period_start: Annotated[date | None, Query(alias="from")] = None,
    period_end: Annotated[date | None, Query(alias="to")] = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> SettlementPage:
    """Settlements overlapping the period, a page at a time: by period, then producer, then
    when issued (a correction after what it corrects), then id; give `next_cursor` as
    `cursor` for the next page (null: the last)."""
    access.read_shop(settings.shop_code)
    page = await list_settlements(
        conn, producer_id, period_start, period_end, cursor=cursor, limit=limit
    )
    return SettlementPage(items=[_settlement(r) for r in page.items], next_cursor=page.next_cursor)


@router.get(
    "/settlements/{settlement_id}",
    response_model=SettlementStatement,
    tags=["staff: settlements"],
)
async def get_settlement(
    settlement_id: uuid.UUID, conn: Db, settings: Settings
) -> SettlementStatement:
    """One producer's statement: the settlement's figures (period, gross, refunds, net,
    commission, payout), every sale line it paid out and every refund line it took back.
    The producer's name is the registry's (GET /v1/members/{producer_id} there)."""
    access.read_shop(settings.shop_code)
    found = await settlement_with_lines(conn, settlement_id)
    if found is None:
        raise NotFound(f"ไม่พบใบแจ้งยอด {settlement_id} / there is no settlement {settlement_id}")
    row, sold, refunded = found
    stock = await stock_position(conn, row["producer_id"], row["period_start"], row["period_end"])
    return SettlementStatement(
        stock=_position(stock),
        settlement=_settlement(row),
        sale_lines=[
            SettledSaleLine(
                sale_id=r["sale_id"],
                line_no=r["line_no"],
                business_day=r["business_day"],
                occurred_at=r["occurred_at"],
                product_id=r["product_id"],
                sku=r["sku"],
                quantity=r["quantity"],
                unit_price=from_satang(r["unit_price_satang"]),
                discount=from_satang(r["discount_satang"]),
                net_amount=from_satang(r["net_satang"]),
            )
            for r in sold
        ],
        refund_lines=[
            SettledRefundLine(
                refund_id=r["refund_id"],
                line_no=r["line_no"],
                sale_id=r["sale_id"],
                sale_business_day=r["sale_business_day"],
                refunded_at=r["refunded_at"],
                product_id=r["product_id"],
                sku=r["sku"],
                quantity=r["quantity"],
                amount=from_satang(r["amount_satang"]),
            )
            for r in refunded
        ],
    )
