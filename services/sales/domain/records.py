"""Sales and refunds as they are stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.sales.domain.pricing import PricedSale
from services.sales.domain.request_ledger import LedgerEntry
from shared.contracts.sales import PaymentMethod, TerminalLocation


@dataclass(frozen=True)
class NewSale:
    sale_id: uuid.UUID
    terminal_id: uuid.UUID | None  # None: an online order's sale (no till)
    shift_id: uuid.UUID | None
    location: TerminalLocation
    event_id: uuid.UUID | None
    occurred_at: datetime
    recorded_at: datetime
    business_day: date
    priced: PricedSale
    request: LedgerEntry  # the request's fingerprint and the receipt answered to it
    receipt_no: str | None = None
    # At the shop: the units it takes from stock, as (product, producer, quantity).
    stock: tuple[tuple[uuid.UUID, uuid.UUID, int], ...] = ()

    @property
    def receipt(self) -> dict[str, Any]:
        return self.request.receipt


@dataclass(frozen=True)
class StoredSale:
    sale_id: uuid.UUID
    terminal_id: uuid.UUID | None  # None: an online order's sale (no till)
    shift_id: uuid.UUID | None
    location: TerminalLocation
    event_id: uuid.UUID | None
    business_day: date
    total: int
    voided: bool
    receipt: dict[str, Any]


@dataclass(frozen=True)
class StoredLine:
    line_no: int
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    quantity: int
    net: int
    refunded_quantity: int
    settled: bool

    @property
    def refundable(self) -> int:
        return self.quantity - self.refunded_quantity


@dataclass(frozen=True)
class RefundLine:
    line_no: int
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    quantity: int
    amount: int


@dataclass(frozen=True)
class NewRefund:
    refund_id: uuid.UUID
    sale_id: uuid.UUID
    terminal_id: uuid.UUID | None  # None: a cancelled online order's refund (no till)
    shift_id: uuid.UUID | None
    event_id: uuid.UUID | None
    method: PaymentMethod
    reason: str | None
    refunded_at: datetime
    business_day: date
    sale_business_day: date
    lines: tuple[RefundLine, ...]
    request: LedgerEntry  # the request's fingerprint and the receipt answered to it

    @property
    def receipt(self) -> dict[str, Any]:
        return self.request.receipt

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)
