"""The shop's consignment with producers: assortment decisions, stock delivered and returned,
stock counts and alerts (on `sales.settlements.v1`, keyed by the producer's id).

Every event names the products (Thai, English) so a consumer can word a message to the
producer without asking anyone. Quantities are whole units. No personal data: the people who
delivered or collected stock appear on the printed notes, not in these events."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import SALES_SETTLEMENTS, EventType


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class AssortmentState(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ReturnReason(StrEnum):
    UNSOLD = "unsold"
    DAMAGED = "damaged"
    EXPIRED = "expired"
    RECALLED = "recalled"


class ProductNamed(_Contract):
    producer_id: uuid.UUID
    product_id: uuid.UUID
    sku: str | None = None
    name_th: str | None = None
    name_en: str | None = None


class AssortmentChanged(ProductNamed):
    """A product's place in the shop's assortment changed to `state`."""

    state: AssortmentState
    note: str | None = None  # the proposal's note
    reason: str | None = None  # why it was declined or withdrawn
    low_stock_at: int | None = Field(default=None, ge=0)
    at: AwareDatetime


class AssortmentProposed(AssortmentChanged):
    """`assortment.proposed` v1."""


class AssortmentApproved(AssortmentChanged):
    """`assortment.approved` v1: the shop sells the product from now on."""


class AssortmentDeclined(AssortmentChanged):
    """`assortment.declined` v1, with the committee's reason."""


class AssortmentWithdrawn(AssortmentChanged):
    """`assortment.withdrawn` v1: the shop sells it no more."""


class NoteLine(_Contract):
    product_id: uuid.UUID
    name_th: str | None = None
    name_en: str | None = None
    lot_code: str | None = None
    best_before: date | None = None
    quantity: int = Field(ge=1)


class ConsignmentReceived(_Contract):
    """`consignment.received` v1: the shop took in a producer's delivery (note CN-…)."""

    note_id: uuid.UUID
    number: str
    producer_id: uuid.UUID
    lines: list[NoteLine]
    occurred_at: AwareDatetime


class ConsignmentReturned(_Contract):
    """`consignment.returned` v1: stock went back to its producer (note RN-…)."""

    note_id: uuid.UUID
    number: str
    producer_id: uuid.UUID
    reason: ReturnReason
    lines: list[NoteLine]
    occurred_at: AwareDatetime


class Adjustment(_Contract):
    lot_code: str
    expected: int
    counted: int = Field(ge=0)
    difference: int


class StockCounted(ProductNamed):
    """`stock.counted` v1: a count of one product's lots, with the adjustments it made."""

    count_id: uuid.UUID
    reason: str
    adjustments: list[Adjustment]
    on_hand: int
    counted_at: AwareDatetime


class StockLow(ProductNamed):
    """`stock.low` v1: the units available fell to the threshold (told once until
    restocked above it)."""

    available: int
    threshold: int = Field(ge=0)
    at: AwareDatetime


class LotExpiring(ProductNamed):
    """`stock.lot_expiring` v1: a lot on hand nears its best-before date (told once)."""

    lot_code: str
    best_before: date
    days_left: int
    on_hand: int = Field(ge=0)
    at: AwareDatetime


class RecallRequested(ProductNamed):
    """`stock.recall_requested` v1: the shop sells the product no more (delisted or
    withdrawn) while units are on hand: the producer is asked to collect them."""

    on_hand: int = Field(ge=1)
    reason: str
    at: AwareDatetime


def _event(name: str, data: type[BaseModel], description: str) -> EventType:
    return EventType(name, 1, SALES_SETTLEMENTS, data, description)


EVENT_TYPES: tuple[EventType, ...] = (
    _event("assortment.proposed", AssortmentProposed, "A product was proposed for the shop."),
    _event("assortment.approved", AssortmentApproved, "The shop committee approved a product."),
    _event("assortment.declined", AssortmentDeclined, "The shop committee declined a product."),
    _event("assortment.withdrawn", AssortmentWithdrawn, "A product left the shop's assortment."),
    _event("consignment.received", ConsignmentReceived, "The shop took in consigned stock."),
    _event("consignment.returned", ConsignmentReturned, "Stock went back to its producer."),
    _event("stock.counted", StockCounted, "A product's stock was counted and adjusted."),
    _event("stock.low", StockLow, "A product's available stock ran low."),
    _event("stock.lot_expiring", LotExpiring, "A lot on hand nears its best-before date."),
    _event(
        "stock.recall_requested",
        RecallRequested,
        "A product no longer sold at the shop still has units on hand.",
    ),
)
