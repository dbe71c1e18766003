"""Staff routes (admin token) for consignment settlements."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.sales.adapters.contract_events import to_contract
from services.sales.adapters.settlements import list_settlements
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings
from services.sales.entrypoints.schemas import (
    SettlementPage,
)
from services.sales.service_layer import commands
from shared.contracts.sales import SettlementIssued
from shared.http.auth import require_admin
from shared.money import from_satang

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])


@router.post("/settlements", tags=["staff: settlements"])
async def issue_settlements(
    body: commands.IssueSettlements, bus: Bus, settings: Settings
) -> dict[str, list[SettlementIssued]]:
    """Settle a finished period: one statement per producer with unpaid lines in it. Running
    it again issues nothing new, except corrections for lines that arrived since."""
    issued = await bus.handle(
        commands.SettlePeriod(period=body, commission_percent=settings.sales_commission_percent)
    )
    return {"issued": [to_contract(settlement) for settlement in issued]}


@router.get("/settlements", response_model=SettlementPage, tags=["staff: settlements"])
async def get_settlements(
    conn: Db,
    producer_id: uuid.UUID | None = None,
    period_start: Annotated[date | None, Query(alias="from")] = None,
    period_end: Annotated[date | None, Query(alias="to")] = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> SettlementPage:
    """Settlements overlapping the period, a page at a time: by period, then producer, then
    when issued (a correction after what it corrects), then id; give `next_cursor` as
    `cursor` for the next page (null: the last)."""
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
