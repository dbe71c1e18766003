"""Staff routes for reports: the catalogue (every staff member), revenue (those who may read
the shop's reports); and, for administrators and the admin token, publishing daily summaries
and the personal data held of a member."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from services.privacy.document import PersonalDataHeld
from services.sales.adapters import views
from services.sales.adapters.contract_events import to_contract
from services.sales.adapters.personal_data import personal_data
from services.sales.domain.errors import InvalidInput
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings
from services.sales.entrypoints.schemas import (
    CatalogueEntry,
    CataloguePage,
    RevenueReport,
    RevenueRow,
)
from services.sales.service_layer import access, commands
from shared.contracts.sales import DailySummary
from shared.http.auth import require_admin, require_staff
from shared.money import from_satang
from shared.timeutil import now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


@router.get("/catalogue", response_model=CataloguePage, tags=["staff: reports"])
async def catalogue(
    conn: Db,
    status: Literal["listed", "delisted"] | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> CataloguePage:
    """The products this service knows from registry.products.v1 (what terminals can sell),
    a page at a time in the order of their SKU (then id); give `next_cursor` as `cursor` for
    the next page (null: the last)."""
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
    conn: Db,
    settings: Settings,
    by: Literal["producer", "product", "event", "day"],
    period_start: Annotated[date, Query(alias="from")],
    period_end: Annotated[date, Query(alias="to")],
) -> RevenueReport:
    """Revenue by producer, product, event (empty key: the shop) or business day: sale lines
    net of their discount share, and refunds, both on the sale's business day; voided sales
    count for nothing. The totals equal the sum of the rows."""
    access.read_shop(settings.shop_code)
    if period_start > period_end:
        raise InvalidInput("from is after to")
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


@router.post("/daily-summaries", tags=["staff: reports"], dependencies=[Depends(require_admin)])
async def run_daily_summaries(
    body: commands.SummariseDay, bus: Bus
) -> dict[str, list[DailySummary]]:
    """Publish the daily summaries of a finished business day now (new revisions only where
    the figures changed since the last one)."""
    published = await bus.handle(body)
    return {"published": [to_contract(summary) for summary in published]}


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
    dependencies=[Depends(require_admin)],
)
async def member_personal_data(member_id: uuid.UUID, conn: Db) -> PersonalDataHeld:
    """What sales hold linked to the member as a producer (the right to see, PDPA): the names
    its products are sold under, catalogue entries, sale and refund lines, settlements and
    daily summaries; otherwise amounts and ids only, kept five years (tax and accounting
    records), never the person's contact data."""
    held = await personal_data(conn, member_id)
    return PersonalDataHeld(
        service="sales", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
