"""Staff routes for shifts: every terminal's shifts with their cash reports (shop managers of
this shop, auditors, administrators), and closing a shift left open on a terminal (shop
managers of this shop, administrators)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from services.sales.adapters import views
from services.sales.adapters.shifts import PostgresShiftRepository, shift_from
from services.sales.domain.errors import InvalidInput
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings
from services.sales.service_layer import access, commands
from services.sales.service_layer.handlers.shifts import report
from shared.http.auth import require_staff

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


@router.get("/shifts", tags=["staff: reports"])
async def list_shifts(
    conn: Db,
    settings: Settings,
    terminal_id: uuid.UUID | None = None,
    period_start: Annotated[date | None, Query(alias="from")] = None,
    period_end: Annotated[date | None, Query(alias="to")] = None,
    status: Literal["open", "closed"] | None = None,
    cursor: Cursor = None,
    limit: PageSize = 50,
) -> dict[str, Any]:
    """Shifts newest first, each with its terminal and cash report: a closed shift's report
    as it was closed (counted cash, variance), an open shift's figures so far. `from`/`to`
    are the Bangkok business days the shifts opened on; give `next_cursor` as `cursor` for
    the next page (null: the last)."""
    access.read_shop(settings.shop_code)
    if period_start and period_end and period_start > period_end:
        raise InvalidInput("from is after to")
    page = await views.shifts(
        conn, terminal_id, period_start, period_end, status, cursor=cursor, limit=limit
    )
    takings = PostgresShiftRepository(conn)
    items = []
    for row in page.items:
        shift = shift_from(row)
        figures = shift.report or report(shift, await takings.takings(shift), None)
        items.append(
            {
                "shift_id": shift.shift_id,
                "terminal": {
                    "terminal_id": row["terminal_id"],
                    "name": row["terminal_name"],
                    "location": row["location"],
                    "event_id": row["event_id"],
                },
                "status": "open" if shift.is_open else "closed",
                "opened_at": shift.opened_at,
                "closed_at": shift.closed_at,
                "report": figures,
            }
        )
    return {"items": items, "next_cursor": page.next_cursor}


@router.post("/terminals/{terminal_id}/shift/close", tags=["staff: terminals"])
async def close_terminals_shift(
    terminal_id: uuid.UUID, body: commands.CloseShift, bus: Bus, settings: Settings
) -> dict[str, Any]:
    """Close the shift left open on a terminal (one broken or lost) with the cash counted
    from its drawer: the same report as the terminal's own close (expected cash, counted,
    variance). 404 when the terminal has no open shift."""
    close = commands.CloseShiftForTerminal(
        terminal_id=terminal_id, count=body, shop=settings.shop_code
    )
    result: dict[str, Any] = await bus.handle(close)
    return result
