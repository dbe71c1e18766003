"""Events the POS sales service publishes on `sales.transactions.v1` and
`sales.settlements.v1`.

Amounts are exact THB decimal strings. Every line names its producer (the member whose
product it is), so revenue per producer can be summed from these messages alone. No
personal data: terminals, products and members appear by id only.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import SALES_SETTLEMENTS, SALES_TRANSACTIONS, EventType
from shared.money import Baht, BahtTotal, SignedBaht


class TerminalLocation(StrEnum):
    SHOP = "shop"  # the provincial OTOP centre shop
    BOOTH = "booth"  # a booth at a showcase event


class SaleChannel(StrEnum):
    SHOP = "shop"  # a till at the centre shop
    BOOTH = "booth"  # a till at an event booth
    ONLINE = "online"  # an online order, paid


class PaymentMethod(StrEnum):
    CASH = "cash"
    PROMPTPAY = "promptpay"
    CARD = "card"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SoldLine(_Contract):
    line_no: int = Field(ge=1)
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID  # the member whose product this is
    quantity: int = Field(ge=1)
    unit_price: Baht
    line_total: Baht  # quantity × unit price
    discount: Baht  # this line's share of the sale's discount
    net_amount: Baht  # line_total − discount: what the line earned


class Payment(_Contract):
    method: PaymentMethod
    amount: Baht


class SaleRecorded(_Contract):
    """`sale.recorded` v1, keyed by sale id. `occurred_at` is the terminal's clock;
    `business_day` is the Asia/Bangkok day of `occurred_at`."""

    sale_id: uuid.UUID
    terminal_id: uuid.UUID | None = None  # none for an online order's sale (`channel` online)
    location: TerminalLocation
    event_id: uuid.UUID | None = None  # the showcase event, for a booth terminal
    shift_id: uuid.UUID | None = None
    occurred_at: AwareDatetime
    recorded_at: AwareDatetime
    business_day: date
    lines: list[SoldLine]
    subtotal: Baht
    discount: Baht
    total: Baht
    payments: list[Payment]
    change_given: Baht  # cash handed back when cash paid more than was due
    # The receipt number the terminal gave the sale (e.g. "KK01-000123"), unique per
    # terminal; null for sales recorded without one.
    receipt_no: str | None = None
    # Where it was sold; absent in older messages: the terminal's `location` says it.
    # Online sales count as shop sales in revenue, summaries and settlements.
    channel: SaleChannel | None = None


class RefundedLine(_Contract):
    line_no: int = Field(ge=1)
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    quantity: int = Field(ge=1)
    amount: Baht  # what is given back for this line


class SaleRefunded(_Contract):
    """`sale.refunded` v1, keyed by sale id: a full or partial refund of a recorded sale."""

    refund_id: uuid.UUID
    sale_id: uuid.UUID
    terminal_id: uuid.UUID | None = None  # none for a cancelled online order's refund
    event_id: uuid.UUID | None = None
    shift_id: uuid.UUID | None = None
    lines: list[RefundedLine]
    total: Baht
    method: PaymentMethod
    reason: str | None = None
    refunded_at: AwareDatetime
    business_day: date


class SaleVoided(_Contract):
    """`sale.voided` v1, keyed by sale id: the sale was cancelled in its own shift and
    counts for nothing."""

    sale_id: uuid.UUID
    terminal_id: uuid.UUID
    event_id: uuid.UUID | None = None
    shift_id: uuid.UUID | None = None
    lines: list[SoldLine]
    total: Baht
    reason: str | None = None
    voided_at: AwareDatetime
    business_day: date  # the business day of the voided sale


class ProductDaySales(_Contract):
    product_id: uuid.UUID
    sku: str
    quantity_sold: int = Field(ge=0)
    quantity_refunded: int = Field(ge=0)
    net_sales: SignedBaht


class DailySummary(_Contract):
    """`sales.daily_summary` v1, keyed by producer id: one producer's sales on one
    Asia/Bangkok business day, sent after the day ends. Sales a terminal uploads later for
    that day bring a new summary of the whole day with the next `revision`."""

    producer_id: uuid.UUID
    business_day: date
    revision: int = Field(default=1, ge=1)
    sale_count: int = Field(ge=0)
    items_sold: int = Field(ge=0)
    gross_sales: BahtTotal  # a sum: may pass the largest single amount
    refunds: BahtTotal
    net_sales: SignedBaht  # gross_sales − refunds
    products: list[ProductDaySales]
    generated_at: AwareDatetime


class SettlementIssued(_Contract):
    """`settlement.issued` v1, keyed by producer id: the consignment statement for one
    producer and period. Issued once; a correction is a new settlement that names the one
    it corrects."""

    settlement_id: uuid.UUID
    producer_id: uuid.UUID
    period_start: date  # first business day included
    period_end: date  # last business day included
    sale_count: int = Field(ge=0)
    gross_sales: BahtTotal  # a sum: may pass the largest single amount
    refunds: BahtTotal
    net_sales: SignedBaht  # gross_sales − refunds
    commission_percent: Decimal = Field(ge=0, le=100, decimal_places=2)
    commission: SignedBaht
    net_payout: SignedBaht  # net_sales − commission
    issued_at: AwareDatetime
    corrects: uuid.UUID | None = None


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "sale.recorded",
        1,
        SALES_TRANSACTIONS,
        SaleRecorded,
        "A terminal recorded a sale; each line names its producer.",
    ),
    EventType(
        "sale.refunded",
        1,
        SALES_TRANSACTIONS,
        SaleRefunded,
        "Some or all of a recorded sale was refunded.",
    ),
    EventType(
        "sale.voided",
        1,
        SALES_TRANSACTIONS,
        SaleVoided,
        "A sale was voided within its shift.",
    ),
    EventType(
        "sales.daily_summary",
        1,
        SALES_TRANSACTIONS,
        DailySummary,
        "One producer's sales on one business day.",
    ),
    EventType(
        "settlement.issued",
        1,
        SALES_SETTLEMENTS,
        SettlementIssued,
        "A consignment settlement was issued to a producer for a period.",
    ),
)
