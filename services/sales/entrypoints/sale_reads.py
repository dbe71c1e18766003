"""Reading a sale: staff who may read the shop's reports read every sale, a terminal only the
sales it recorded (to reprint a receipt). Another terminal's sale is answered 404, as if it
did not exist."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from services.sales.adapters import views
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.auth import Caller, staff_or_terminal
from services.sales.entrypoints.dependencies import Db, Settings
from services.sales.service_layer import access

router = APIRouter(prefix="/v1")

CallerDep = Annotated[Caller, Depends(staff_or_terminal)]


@router.get("/sales/{sale_id}", tags=["staff: reports", "terminal: sales"])
async def get_sale(
    sale_id: uuid.UUID, caller: CallerDep, conn: Db, settings: Settings
) -> dict[str, Any]:
    """The sale's receipt, its refunds and whether it was voided. Staff who may read the
    shop's reports read any sale; a terminal reads the sales it recorded itself (404 for any
    other)."""
    if caller.is_staff:
        access.read_shop(settings.shop_code)
    own = caller.terminal.terminal_id if caller.terminal is not None else None
    found = await views.sale(conn, sale_id, own)
    if found is None:
        whose = " of this terminal" if own is not None else ""
        raise NotFound(f"ไม่พบรายการขาย {sale_id} / there is no sale {sale_id}{whose}")
    return found
