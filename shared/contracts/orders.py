"""The shop's online orders (on `sales.orders.v1`, keyed by the order's id).

An order moves placed → paid → packed → picked_up | shipped → completed, or ends cancelled
or expired. Only `order.placed` carries the customer's contact (so the customer can be told
of each change); every later event names the order by id and number and says its state.
Amounts are exact THB decimal strings.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import SALES_ORDERS, EventType
from shared.money import Baht


class OrderState(StrEnum):
    PLACED = "placed"  # waiting for its PromptPay payment; holds its stock
    PAID = "paid"  # payment confirmed by staff; recorded as a sale
    PACKED = "packed"
    PICKED_UP = "picked_up"  # handed over to the customer at the centre
    SHIPPED = "shipped"  # sent by post with a tracking number
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # not paid in time; its stock released


class Fulfilment(StrEnum):
    PICKUP = "pickup"  # collected at the centre shop
    POST = "post"  # sent by post


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Customer(_Contract):
    """Who ordered and how to reach them: a phone number or an e-mail address (or both)."""

    name: str
    phone: str | None = None
    email: str | None = None
    line_id: str | None = None


class PostalAddress(_Contract):
    recipient: str
    lines: list[str]
    province: str
    postal_code: str


class OrderedLine(_Contract):
    line_no: int = Field(ge=1)
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    name_th: str | None = None
    name_en: str | None = None
    quantity: int = Field(ge=1)
    unit_price: Baht
    line_total: Baht


class _OrderEvent(_Contract):
    order_id: uuid.UUID
    number: str  # e.g. "OL-2569-000001"
    state: OrderState
    occurred_at: AwareDatetime


class OrderPlaced(_OrderEvent):
    """`order.placed` v1: the only order event with the customer's contact."""

    customer: Customer
    fulfilment: Fulfilment
    address: PostalAddress | None = None
    lines: list[OrderedLine]
    subtotal: Baht
    shipping_fee: Baht
    total: Baht
    expires_at: AwareDatetime
    promptpay_payload: str | None = None  # the QR payload for the exact total, when set up


class OrderPaid(_OrderEvent):
    """`order.paid` v1: staff confirmed the payment; the order is the sale `sale_id`."""

    sale_id: uuid.UUID
    total: Baht
    business_day: date


class OrderPacked(_OrderEvent):
    """`order.packed` v1."""


class OrderHandedOver(_OrderEvent):
    """`order.handed_over` v1: collected by the customer at the centre (state picked_up)."""


class OrderShipped(_OrderEvent):
    """`order.shipped` v1."""

    carrier: str | None = None
    tracking_no: str


class OrderCompleted(_OrderEvent):
    """`order.completed` v1."""


class OrderCancelled(_OrderEvent):
    """`order.cancelled` v1: by the customer (while unpaid) or by staff. A paid order's sale
    is refunded (`refunded` true, `refund_id` the refund) and its units go back to stock;
    `refund_amount` is what the customer is paid back: the goods refunded (what a till had
    not refunded already) and the shipping fee, which the sale's refund does not cover."""

    reason: str | None = None
    by_customer: bool = False
    refunded: bool = False
    refund_id: uuid.UUID | None = None
    refund_amount: Baht | None = None


class OrderExpired(_OrderEvent):
    """`order.expired` v1: not paid in time; the stock it held is available again."""

    expires_at: AwareDatetime


def _event(name: str, data: type[BaseModel], description: str) -> EventType:
    return EventType(name, 1, SALES_ORDERS, data, description)


EVENT_TYPES: tuple[EventType, ...] = (
    _event("order.placed", OrderPlaced, "A customer placed an online order; it holds stock."),
    _event("order.paid", OrderPaid, "Staff confirmed an order's payment; it became a sale."),
    _event("order.packed", OrderPacked, "An order was packed."),
    _event("order.handed_over", OrderHandedOver, "An order was collected at the centre."),
    _event("order.shipped", OrderShipped, "An order was sent by post."),
    _event("order.completed", OrderCompleted, "An order was completed."),
    _event("order.cancelled", OrderCancelled, "An order was cancelled (a paid one refunded)."),
    _event("order.expired", OrderExpired, "An unpaid order expired; its stock was released."),
)
