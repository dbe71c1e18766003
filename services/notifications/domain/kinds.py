"""The kinds of notice the notifications service sends: those of the deliveries contract
(`shared.contracts.notifications.NotificationKind`) and the shop's notices to producers and
to the customers of online orders.

The shop's kinds are told and logged like any other. `delivery.sent` / `delivery.failed`
name a kind of the contract's enumeration, so a delivery of a shop kind is published only
once that enumeration holds the kind (`published`).
"""

from __future__ import annotations

from enum import StrEnum

from shared.contracts.notifications import NotificationKind


class ShopKind(StrEnum):
    # To producers, on their own channels and in their language.
    ASSORTMENT_APPROVED = "assortment_approved"
    ASSORTMENT_DECLINED = "assortment_declined"
    CONSIGNMENT_RECEIVED = "consignment_received"
    CONSIGNMENT_RETURNED = "consignment_returned"
    STOCK_LOW = "stock_low"
    STOCK_LOT_EXPIRING = "stock_lot_expiring"
    STOCK_RECALL_REQUESTED = "stock_recall_requested"
    # To the customer of an online order, in Thai with English beneath.
    ORDER_PLACED = "order_placed"
    ORDER_PAID = "order_paid"
    ORDER_PACKED = "order_packed"
    ORDER_SHIPPED = "order_shipped"
    ORDER_COMPLETED = "order_completed"
    ORDER_CANCELLED = "order_cancelled"
    ORDER_EXPIRED = "order_expired"


Kind = NotificationKind | ShopKind

CUSTOMER_KINDS = frozenset(k for k in ShopKind if k.value.startswith("order_"))


def kind_of(value: str) -> Kind:
    """The kind a stored name stands for."""
    try:
        return NotificationKind(value)
    except ValueError:
        return ShopKind(value)


def published(kind: Kind) -> NotificationKind | None:
    """The contract's kind for `kind`, or None while the contract does not name it."""
    try:
        return NotificationKind(kind.value)
    except ValueError:
        return None
