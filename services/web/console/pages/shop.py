"""Console pages for the shop: terminals (pairing, key rotation, revoking), shifts and their
cash reports, revenue with a chart and exports, and consignment settlements with printable
statements. Controls need the right to run the shop; reports the right to read its reports."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.web.console.kit import SignedIn, render
from services.web.console.shop import report_pages, settlement_pages, terminal_pages
from services.web.console.shop.lookups import rights, shop_code, shop_name

router = APIRouter(prefix="/console/shop")


@router.get("")
async def shop(request: Request, session: SignedIn) -> HTMLResponse:
    return render(
        request,
        "console/shop/index.html",
        {
            "shop_code": shop_code(request),
            "shop_name": shop_name(request),
            **rights(request, session),
        },
    )


router.include_router(terminal_pages.router)
router.include_router(report_pages.router)
router.include_router(settlement_pages.router)
