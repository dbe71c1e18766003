"""The refund of a cancelled paid order: what is left of its sale (a shop till may have
refunded some of it at the counter) is refunded by PromptPay, its units go back into the
lots they left, in the transaction that cancels the order."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from services.sales.domain.allocation import unit_share
from services.sales.domain.orders import Order
from services.sales.domain.records import NewRefund, RefundLine
from services.sales.domain.request_ledger import LedgerEntry
from services.sales.service_layer.orders_ports import Held, OrdersUnitOfWork
from shared.contracts import sales as sales_contract
from shared.contracts.sales import PaymentMethod
from shared.money import from_satang
from shared.timeutil import business_day

# The sale of an order and the refund of a cancelled paid order have ids derived from the
# order's: a confirmation retried, raced or replayed can only ever name the same sale.
ORDER_SALES = uuid.UUID("0b6f4c8e-5d2a-4f0e-9a51-7c3e2d1b9f60")


def sale_id_of(order_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(ORDER_SALES, str(order_id))


def refund_id_of(order_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(ORDER_SALES, f"refund:{order_id}")


def request_fingerprint(kind: str, order_id: uuid.UUID) -> str:
    return hashlib.sha256(f"online-order-{kind}:{order_id}".encode()).hexdigest()


def _event(
    refund_id: uuid.UUID,
    sale_id: uuid.UUID,
    lines: tuple[RefundLine, ...],
    reason: str | None,
    now: datetime,
) -> sales_contract.SaleRefunded:
    return sales_contract.SaleRefunded(
        refund_id=refund_id,
        sale_id=sale_id,
        terminal_id=None,
        lines=[
            sales_contract.RefundedLine(
                line_no=ln.line_no,
                product_id=ln.product_id,
                sku=ln.sku,
                producer_id=ln.producer_id,
                quantity=ln.quantity,
                amount=from_satang(ln.amount),
            )
            for ln in lines
        ],
        total=from_satang(sum(ln.amount for ln in lines)),
        method=PaymentMethod.PROMPTPAY,
        reason=reason,
        refunded_at=now,
        business_day=business_day(now),
    )


async def refund_order_sale(
    uow: OrdersUnitOfWork, order: Order, reason: str | None, now: datetime
) -> tuple[uuid.UUID | None, int]:
    """Refund what is left of the paid order's sale, each line's amount its share of the
    line's net as a till's refund takes it; the refund's id (None when a till had refunded
    everything already) and its amount in satang."""
    assert order.sale_id is not None
    sale = await uow.sales.get_for_update(order.sale_id)
    assert sale is not None
    lines = tuple(
        RefundLine(
            ln.line_no,
            ln.product_id,
            ln.sku,
            ln.producer_id,
            ln.refundable,
            unit_share(ln.net, ln.quantity, ln.refunded_quantity, ln.refundable),
        )
        for ln in await uow.sales.lines(order.sale_id)
        if ln.refundable > 0
    )
    if not lines:
        return None, 0
    refund_id = refund_id_of(order.order_id)
    event = _event(refund_id, order.sale_id, lines, reason, now)
    refund = NewRefund(
        refund_id=refund_id,
        sale_id=order.sale_id,
        terminal_id=None,
        shift_id=None,
        event_id=None,
        method=PaymentMethod.PROMPTPAY,
        reason=reason,
        refunded_at=now,
        business_day=business_day(now),
        sale_business_day=sale.business_day,
        lines=lines,
        request=LedgerEntry(
            request_fingerprint("refund", order.order_id), event.model_dump(mode="json")
        ),
    )
    await uow.sales.add_refund(refund)
    held = [Held(ln.product_id, ln.producer_id, ln.quantity) for ln in lines]
    await uow.orders.put_back(order.sale_id, refund_id, held, now)
    uow.publish(order.sale_id, event)
    return refund_id, sum(ln.amount for ln in lines)
