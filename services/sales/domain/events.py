"""What happened in the sales service, in its own words: a sale recorded, refunded or voided,
a settlement issued, a producer's business day summarised. Amounts are in satang.

Handlers publish them through the unit of work; at commit each takes the form of the public
contract its topic carries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.sales.domain.pricing import PricedSale
from services.sales.domain.records import RefundLine, StoredSale
from services.sales.domain.settlement import Statement
from shared.contracts.sales import PaymentMethod, TerminalLocation


@dataclass(frozen=True)
class SaleRecorded:
    """A terminal's sale, priced and stored (its receipt is this event as published)."""

    sale_id: uuid.UUID
    terminal_id: uuid.UUID
    location: TerminalLocation
    event_id: uuid.UUID | None
    shift_id: uuid.UUID | None
    occurred_at: datetime  # as the terminal gave it
    recorded_at: datetime
    business_day: date
    priced: PricedSale
    receipt_no: str | None = None  # as the terminal numbered it


@dataclass(frozen=True)
class SaleRefunded:
    """Units of a sale's lines given back (its receipt is this event as published)."""

    refund_id: uuid.UUID
    sale_id: uuid.UUID
    terminal_id: uuid.UUID
    event_id: uuid.UUID | None
    shift_id: uuid.UUID | None
    lines: tuple[RefundLine, ...]
    method: PaymentMethod
    reason: str | None
    refunded_at: datetime
    business_day: date

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class SaleVoided:
    """A sale cancelled within its shift: it counts for nothing from now on."""

    sale: StoredSale
    terminal_id: uuid.UUID
    reason: str | None
    voided_at: datetime


@dataclass(frozen=True)
class SettlementIssued:
    """A producer's consignment statement for a period, or a correction of one."""

    settlement_id: uuid.UUID
    statement: Statement
    period_start: date
    period_end: date
    corrects: uuid.UUID | None
    issued_at: datetime

    @property
    def producer_id(self) -> uuid.UUID:
        return self.statement.producer_id


@dataclass(frozen=True)
class ProductDay:
    """One product's day in a producer's summary."""

    product_id: uuid.UUID
    sku: str
    sold: int
    refunded: int
    net: int  # its sale lines' net less what was refunded


@dataclass(frozen=True)
class DaySummarised:
    """A producer's business day summed up, as revision `revision` of that day."""

    producer_id: uuid.UUID
    business_day: date
    revision: int
    sale_count: int
    items_sold: int
    gross: int
    refunds: int
    products: tuple[ProductDay, ...]
    generated_at: datetime

    @property
    def net(self) -> int:
        return self.gross - self.refunds

    @classmethod
    def of(
        cls,
        producer_id: uuid.UUID,
        day: date,
        revision: int,
        figures: dict[str, Any],
        generated_at: datetime,
    ) -> DaySummarised:
        """The day from its stored figures (products in the order they are kept)."""
        return cls(
            producer_id=producer_id,
            business_day=day,
            revision=revision,
            sale_count=figures["sale_count"],
            items_sold=figures["items_sold"],
            gross=figures["gross"],
            refunds=figures["refunds"],
            products=tuple(
                ProductDay(
                    product_id=uuid.UUID(str(p["product_id"])),
                    sku=p["sku"],
                    sold=p["sold"],
                    refunded=p["refunded"],
                    net=p["net"],
                )
                for p in figures["products"]
            ),
            generated_at=generated_at,
        )
