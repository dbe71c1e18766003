"""Response bodies of the sales service's HTTP API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from services.sales.domain.terminals import Terminal, TerminalKey
from shared.contracts.sales import SettlementIssued, TerminalLocation
from shared.money import Baht, BahtTotal, SignedBaht


class KeyOut(BaseModel):
    key_id: uuid.UUID
    hint: str
    created_at: datetime
    revoked_at: datetime | None
    active: bool

    @classmethod
    def of(cls, key: TerminalKey) -> KeyOut:
        return cls(
            key_id=key.key_id,
            hint=key.hint,
            created_at=key.created_at,
            revoked_at=key.revoked_at,
            active=key.active,
        )


class TerminalOut(BaseModel):
    terminal_id: uuid.UUID
    code: str  # its receipt numbers start with it
    name: str
    location: TerminalLocation
    event_id: uuid.UUID | None
    created_at: datetime
    keys: list[KeyOut]

    @classmethod
    def of(cls, terminal: Terminal, keys: list[TerminalKey]) -> TerminalOut:
        return cls(
            terminal_id=terminal.terminal_id,
            code=terminal.code,
            name=terminal.name,
            location=terminal.location,
            event_id=terminal.event_id,
            created_at=terminal.created_at,
            keys=[KeyOut.of(k) for k in keys],
        )


class Pairing(BaseModel):
    """What a pairing QR code gives the terminal app: its id, its key, where to post."""

    terminal_id: uuid.UUID
    key: str
    sales_url: str


class RegisteredTerminal(TerminalOut):
    api_key: str  # shown once; only its hash is stored
    pairing: Pairing


class IssuedKey(KeyOut):
    terminal_id: uuid.UUID
    api_key: str  # shown once; only its hash is stored


class TerminalList(BaseModel):
    items: list[TerminalOut]
    next_cursor: str | None  # give it as `cursor` for the next page; null: the last


class CatalogueEntry(BaseModel):
    """A product as this service knows it from registry.products.v1."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    sku: str
    price: Baht
    status: Literal["listed", "delisted"]
    version: int


class CataloguePage(BaseModel):
    items: list[CatalogueEntry]
    next_cursor: str | None  # give it as `cursor` for the next page; null: the last


class SettlementPage(BaseModel):
    items: list[SettlementIssued]
    next_cursor: str | None  # give it as `cursor` for the next page; null: the last


class SettledSaleLine(BaseModel):
    sale_id: uuid.UUID
    line_no: int
    business_day: date
    occurred_at: datetime
    product_id: uuid.UUID
    sku: str
    quantity: int
    unit_price: Baht
    discount: Baht
    net_amount: Baht  # what the line counts in gross_sales


class SettledRefundLine(BaseModel):
    refund_id: uuid.UUID
    line_no: int
    sale_id: uuid.UUID
    sale_business_day: date  # the day it counts against
    refunded_at: datetime
    product_id: uuid.UUID
    sku: str
    quantity: int
    amount: Baht


class ProductStock(BaseModel):
    """One product's consignment stock over the period (units)."""

    product_id: uuid.UUID
    sku: str | None
    name_th: str | None
    name_en: str | None
    opening: int  # on hand when the period began
    delivered: int
    sold: int
    refunded: int  # refunds and voids put back
    returned: int  # given back to the producer
    adjusted: int  # counts' adjustments
    on_hand: int  # at the period's end: opening + delivered − sold + refunded − returned ± adjusted


class StockPosition(BaseModel):
    """The producer's stock at the shop beside the payout: the period's totals and each
    product's."""

    opening: int
    delivered: int
    sold: int
    refunded: int
    returned: int
    adjusted: int
    on_hand: int
    products: list[ProductStock]


class SettlementStatement(BaseModel):
    """A settlement with the lines it paid: what a producer's statement is drawn from, and the
    producer's consignment stock over the period."""

    settlement: SettlementIssued
    sale_lines: list[SettledSaleLine]
    refund_lines: list[SettledRefundLine]
    stock: StockPosition | None = None


class BatchResult(BaseModel):
    index: int
    sale_id: uuid.UUID | None
    status: int
    sale: dict[str, Any] | None = None
    problem: dict[str, Any] | None = None


class BatchOut(BaseModel):
    recorded: int
    replayed: int
    refused: int
    results: list[BatchResult]


class RevenueRow(BaseModel):
    key: str | None
    sku: str | None = None
    sale_count: int
    quantity_sold: int
    quantity_refunded: int
    gross_sales: BahtTotal
    refunds: BahtTotal
    net_sales: SignedBaht


class RevenueReport(BaseModel):
    by: str
    period_start: date
    period_end: date
    rows: list[RevenueRow]
    total_gross_sales: BahtTotal
    total_refunds: BahtTotal
    total_net_sales: SignedBaht


class QrOut(BaseModel):
    amount: Baht
    payload: str
