"""sales.orders.v1: tell the customer of an online order of each change, in Thai with
English beneath; keep the customer's contact (from order.placed) by the order's id until
its erasure."""

from __future__ import annotations

from typing import Any

from services.notifications.domain.customers import ENDED_STATES, CustomerContact, OrderFacts
from services.notifications.service_layer.customers import tell_customer
from services.notifications.service_layer.notify import Clock
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import orders
from shared.contracts.notifications import NotificationKind
from shared.logging import get_logger
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok

log = get_logger(__name__)

OrderChange = (
    orders.OrderPaid
    | orders.OrderPacked
    | orders.OrderHandedOver
    | orders.OrderShipped
    | orders.OrderCompleted
    | orders.OrderCancelled
    | orders.OrderExpired
)


def _lines(data: orders.OrderPlaced) -> list[dict[str, Any]]:
    return [
        {
            "name_th": line.name_th or line.name_en or line.sku,
            "name_en": line.name_en or line.name_th or line.sku,
            "quantity": line.quantity,
            "unit_price": str(line.unit_price),
            "line_total": str(line.line_total),
        }
        for line in data.lines
    ]


async def on_order_placed(
    data: orders.OrderPlaced,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    customer = data.customer
    contact = CustomerContact(customer.name, customer.email, customer.phone, customer.line_id)
    order = OrderFacts(
        order_id=data.order_id,
        number=data.number,
        fulfilment=data.fulfilment.value,
        total=str(data.total),
        channels=contact.channels(),
        ended=False,
    )
    context = {
        "lines": _lines(data),
        "subtotal": str(data.subtotal),
        "shipping_fee": str(data.shipping_fee),
        "total": str(data.total),
        "expires_at": data.expires_at.isoformat(),
        "promptpay_payload": data.promptpay_payload,
    }
    async with uow:
        await uow.order_contacts.keep(order, data.state.value, contact, data.occurred_at)
        await tell_customer(uow, order, NotificationKind.ORDER_PLACED, metadata, context, clock)
        await uow.commit()


def _context(data: OrderChange) -> tuple[NotificationKind | None, dict[str, Any]]:
    """The notice an order's change brings and what it says; None: the customer is not
    told (a handover at the counter is told by the completion that follows)."""
    match data:
        case orders.OrderPaid():
            return NotificationKind.ORDER_PAID, {"total": str(data.total)}
        case orders.OrderPacked():
            return NotificationKind.ORDER_PACKED, {}
        case orders.OrderShipped():
            return NotificationKind.ORDER_SHIPPED, {
                "carrier": data.carrier,
                "tracking_no": data.tracking_no,
            }
        case orders.OrderCompleted():
            return NotificationKind.ORDER_COMPLETED, {}
        case orders.OrderCancelled():
            return NotificationKind.ORDER_CANCELLED, {
                "reason": data.reason,
                "by_customer": data.by_customer,
                "refunded": data.refunded,
            }
        case orders.OrderExpired():
            return NotificationKind.ORDER_EXPIRED, {"expires_at": data.expires_at.isoformat()}
    return None, {}


async def on_order_changed(
    data: OrderChange,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    kind, context = _context(data)
    async with uow:
        order = await uow.order_contacts.facts(data.order_id)
        if order is None:
            # Its order.placed was never read here: there is no one to tell.
            log.warning("an order not known here changed", order_id=str(data.order_id))
            await uow.commit()
            return
        ended = data.state.value in ENDED_STATES
        await uow.order_contacts.move(
            data.order_id, data.state.value, data.occurred_at if ended else None
        )
        if kind is not None and not order.ended:
            context.setdefault("total", order.total)
            await tell_customer(uow, order, kind, metadata, context, clock)
        await uow.commit()


HANDLERS: EventHandlers = {
    orders.OrderPlaced: on_order_placed,
    orders.OrderPaid: on_order_changed,
    orders.OrderPacked: on_order_changed,
    orders.OrderHandedOver: on_order_changed,
    orders.OrderShipped: on_order_changed,
    orders.OrderCompleted: on_order_changed,
    orders.OrderCancelled: on_order_changed,
    orders.OrderExpired: on_order_changed,
}
