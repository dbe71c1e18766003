"""What a terminal reads about itself (with its own API key): its profile and the shop it
sells for, what it may sell with the producers' names, and its sales by receipt number."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from services.sales.adapters import terminal_views
from services.sales.domain.catalogue import CATEGORY_NAMES, categories_of, for_sale
from services.sales.domain.receipts import RECEIPT_NO_PATTERN
from services.sales.domain.terminals import Terminal
from services.sales.entrypoints.auth import current_terminal
from services.sales.entrypoints.dependencies import Db, Settings
from services.sales.entrypoints.terminal_schemas import (
    CategoryOut,
    FoundSale,
    FoundSales,
    ProducerOut,
    ShopOut,
    TerminalProfile,
    TillCatalogue,
    TillProduct,
    Vat,
)
from services.sales.settings import SalesSettings
from shared.contracts.sales import TerminalLocation
from shared.money import from_satang
from shared.timeutil import now_bangkok

router = APIRouter(prefix="/v1/terminal", tags=["terminal: profile"])

TerminalDep = Annotated[Terminal, Depends(current_terminal)]


def shop_of(settings: SalesSettings) -> ShopOut:
    vat = None
    if settings.shop_vat_tax_id is not None:
        vat = Vat(
            tax_id=settings.shop_vat_tax_id,
            branch=settings.shop_vat_branch,
            rate=settings.shop_vat_rate,
        )
    return ShopOut(
        code=settings.shop_code,
        name_th=settings.shop_name_th,
        name_en=settings.shop_name_en,
        address=settings.shop_address,
        vat=vat,
    )


@router.get("", response_model=TerminalProfile)
async def profile(terminal: TerminalDep, conn: Db, settings: Settings) -> TerminalProfile:
    """This terminal (its code numbers its receipts), the shop its receipts name (VAT details
    when the shop is VAT-registered), the highest receipt number its sales on the server
    hold, and whether PromptPay is set up."""
    return TerminalProfile(
        terminal_id=terminal.terminal_id,
        code=terminal.code,
        name=terminal.name,
        location=terminal.location,
        event_id=terminal.event_id,
        shop=shop_of(settings),
        last_receipt_no=await terminal_views.last_receipt_no(conn, terminal.terminal_id),
        promptpay_configured=settings.sales_promptpay_id is not None,
    )


@router.get("/catalogue", response_model=TillCatalogue)
async def catalogue(terminal: TerminalDep, conn: Db, response: Response) -> TillCatalogue:
    """What this terminal may sell: for each SKU the listed product a sale of it records, at
    its price, with its producer's names (names only); by category, then name. A shop
    terminal gets only the products the shop's committee approved, each with the units left
    to sell (`available`, read at this moment: the answer is revalidated every time); a
    booth terminal gets every listed product, with no stock (`available` null)."""
    as_of = now_bangkok()
    products = for_sale(await terminal_views.listed_products(conn))
    left: dict[uuid.UUID, int] | None = None
    if terminal.location == TerminalLocation.SHOP:
        left = await terminal_views.shop_available(conn)
        products = [p for p in products if p.product.product_id in left]
    names = await terminal_views.producer_names(conn, (p.product.producer_id for p in products))
    response.headers["Cache-Control"] = "private, no-cache"
    return TillCatalogue(
        products=[
            TillProduct(
                product_id=p.product.product_id,
                sku=p.product.sku,
                name_th=p.name_th or p.product.sku,
                name_en=p.name_en,
                category=p.category,
                unit=p.unit,
                price=from_satang(p.product.price),
                producer=ProducerOut(**terminal_views.producer(p.product.producer_id, names)),
                available=None if left is None else left[p.product.product_id],
            )
            for p in products
        ],
        categories=[
            CategoryOut(code=code, name_th=CATEGORY_NAMES[code][0], name_en=CATEGORY_NAMES[code][1])
            for code in categories_of(products)
        ],
        as_of=as_of,
    )


@router.get("/sales", response_model=FoundSales)
async def sales_by_receipt_no(
    terminal: TerminalDep,
    conn: Db,
    receipt_no: Annotated[str, Query(pattern=RECEIPT_NO_PATTERN, description="e.g. KK01-000123")],
) -> FoundSales:
    """This terminal's sale with that receipt number (none: an empty list), with its lines,
    payments and refunds, to refund or reprint it. Other terminals' sales are not found."""
    found = await terminal_views.sales_by_receipt_no(conn, terminal.terminal_id, receipt_no)
    return FoundSales(items=[FoundSale.model_validate(sale) for sale in found])
