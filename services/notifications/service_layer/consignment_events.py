"""sales.settlements.v1, the shop's consignment: tell producers (members) on their own
channels and in their language that a product was approved or declined for the shop, stock
was delivered or returned, stock runs low, a lot nears its best-before date, or stock is
recalled."""

from __future__ import annotations

from typing import Any

from services.notifications.service_layer.notify import Clock, NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import consignment
from shared.contracts.notifications import NotificationKind
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok

ProducerNotice = (
    consignment.AssortmentApproved
    | consignment.AssortmentDeclined
    | consignment.ConsignmentReceived
    | consignment.ConsignmentReturned
    | consignment.StockLow
    | consignment.LotExpiring
    | consignment.RecallRequested
)


def _names(item: consignment.ProductNamed | consignment.NoteLine) -> dict[str, str]:
    """A product's names for a message: each language falls back on the other (and on the
    SKU), so a message never shows an empty name."""
    fallback = getattr(item, "sku", None) or "-"
    return {
        "name_th": item.name_th or item.name_en or fallback,
        "name_en": item.name_en or item.name_th or fallback,
    }


def _product(data: consignment.ProductNamed) -> dict[str, Any]:
    return {"product_id": str(data.product_id), "sku": data.sku, **_names(data)}


def _lines(lines: list[consignment.NoteLine]) -> list[dict[str, Any]]:
    return [
        {
            **_names(line),
            "quantity": line.quantity,
            "lot_code": line.lot_code,
            "best_before": line.best_before.isoformat() if line.best_before else None,
        }
        for line in lines
    ]


def _notice(data: ProducerNotice) -> tuple[NotificationKind, dict[str, Any]]:
    match data:
        case consignment.AssortmentApproved():
            return NotificationKind.ASSORTMENT_APPROVED, {
                "product": _product(data),
                "at": data.at.isoformat(),
            }
        case consignment.AssortmentDeclined():
            return NotificationKind.ASSORTMENT_DECLINED, {
                "product": _product(data),
                "reason": data.reason,
                "at": data.at.isoformat(),
            }
        case consignment.ConsignmentReceived():
            return NotificationKind.CONSIGNMENT_RECEIVED, {
                "number": data.number,
                "lines": _lines(data.lines),
                "units": sum(line.quantity for line in data.lines),
                "occurred_at": data.occurred_at.isoformat(),
            }
        case consignment.ConsignmentReturned():
            return NotificationKind.CONSIGNMENT_RETURNED, {
                "number": data.number,
                "reason": data.reason.value,
                "lines": _lines(data.lines),
                "units": sum(line.quantity for line in data.lines),
                "occurred_at": data.occurred_at.isoformat(),
            }
        case consignment.StockLow():
            return NotificationKind.STOCK_LOW, {
                "product": _product(data),
                "available": data.available,
                "threshold": data.threshold,
            }
        case consignment.LotExpiring():
            return NotificationKind.STOCK_LOT_EXPIRING, {
                "product": _product(data),
                "lot_code": data.lot_code,
                "best_before": data.best_before.isoformat(),
                "days_left": data.days_left,
                "on_hand": data.on_hand,
            }
        case consignment.RecallRequested():
            return NotificationKind.STOCK_RECALL_REQUESTED, {
                "product": _product(data),
                "on_hand": data.on_hand,
                "reason": data.reason,
            }
    raise TypeError(f"{type(data).__name__} is not a notice to a producer")


async def on_producer_notice(
    data: ProducerNotice,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    kind, context = _notice(data)
    async with uow:
        await notify(uow, NotificationRequest(kind, data.producer_id, metadata, context), clock)
        await uow.commit()


HANDLERS: EventHandlers = {
    consignment.AssortmentApproved: on_producer_notice,
    consignment.AssortmentDeclined: on_producer_notice,
    consignment.ConsignmentReceived: on_producer_notice,
    consignment.ConsignmentReturned: on_producer_notice,
    consignment.StockLow: on_producer_notice,
    consignment.LotExpiring: on_producer_notice,
    consignment.RecallRequested: on_producer_notice,
}
