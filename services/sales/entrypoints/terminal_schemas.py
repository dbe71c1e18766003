"""What a terminal reads about itself: its profile with the shop, what it may sell, and its
sales by receipt number."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from shared.contracts.sales import Payment, TerminalLocation
from shared.money import Baht


class Vat(BaseModel):
    """A VAT-registered shop: its receipts are abbreviated tax invoices."""

    tax_id: str
    branch: str  # "00000": head office
    rate: Decimal = Field(description="Percent, e.g. 7.00; prices include it")


class ShopOut(BaseModel):
    code: str
    name_th: str
    name_en: str
    address: str | None
    vat: Vat | None  # null: not VAT-registered, receipts are plain receipts


class TerminalProfile(BaseModel):
    terminal_id: uuid.UUID
    code: str  # its receipt numbers start with it
    name: str
    location: TerminalLocation
    event_id: uuid.UUID | None
    shop: ShopOut
    last_receipt_no: str | None  # the highest its sales on the server hold
    promptpay_configured: bool


class ProducerOut(BaseModel):
    """Names only; null while the member's registry event has not arrived."""

    member_id: uuid.UUID
    name_th: str | None
    name_en: str | None


class TillProduct(BaseModel):
    product_id: uuid.UUID
    sku: str
    barcode: str | None = None  # the registry gives none yet: scan or type the SKU
    name_th: str
    name_en: str | None
    category: str | None
    unit: str | None
    price: Baht
    producer: ProducerOut
    available: int | None = Field(
        default=None,
        description="At the shop: units left to sell (on hand less those held for online "
        "orders, never below 0). At a booth: null (booths hold no stock).",
    )


class CategoryOut(BaseModel):
    code: str
    name_th: str
    name_en: str


class TillCatalogue(BaseModel):
    products: list[TillProduct]
    categories: list[CategoryOut]  # the official categories the products are in, in order
    as_of: datetime


class FoundLine(BaseModel):
    line_no: int
    product_id: uuid.UUID
    sku: str
    name_th: str
    name_en: str | None
    quantity: int
    refunded_quantity: int
    unit_price: Baht
    discount: Baht
    net_amount: Baht
    producer: ProducerOut


class FoundSale(BaseModel):
    sale_id: uuid.UUID
    receipt_no: str
    occurred_at: datetime
    business_day: date
    shift_id: uuid.UUID | None
    lines: list[FoundLine]
    subtotal: Baht
    discount: Baht
    total: Baht
    payments: list[Payment]
    change_given: Baht
    voided_at: datetime | None
    refunds: list[dict[str, Any]]  # each refund's receipt (sale.refunded)


class FoundSales(BaseModel):
    items: list[FoundSale]
