"""Money on an online order: confirming its payment makes it a sale exactly once (in the
same transaction its held units leave stock), cancelling a paid order refunds that sale and
puts its units back; cancelling or expiring an unpaid order releases what it held."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import datetime

from services.sales.domain.orders import (
    STATE_TH,
    Order,
    OrderStateConflict,
    PaymentAmountMismatch,
    check_transition,
    is_paid,
)
from services.sales.domain.pricing import PricedLine, PricedSale, Tender
from services.sales.domain.records import NewSale
from services.sales.domain.request_ledger import LedgerEntry
from services.sales.service_layer.handlers.orders import locked_order
from services.sales.service_layer.handlers.orders_refund import (
    refund_order_sale,
    request_fingerprint,
    sale_id_of,
)
from services.sales.service_layer.orders_commands import CancelOrder, ConfirmPayment, ExpireOrders
from services.sales.service_layer.orders_ports import OrdersUnitOfWork
from shared.contracts import orders as contract
from shared.contracts import sales as sales_contract
from shared.contracts.orders import OrderState
from shared.contracts.sales import PaymentMethod, TerminalLocation
from shared.errors import Conflict
from shared.money import from_satang, to_satang
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


def priced(order: Order) -> PricedSale:
    """The order's goods as a sale: its lines at the order's prices, paid by PromptPay. The
    shipping fee is the shop's, not a producer's: it is no sale line."""
    lines = tuple(
        PricedLine(
            line_no=ln.line_no,
            product_id=ln.product_id,
            sku=ln.sku,
            producer_id=ln.producer_id,
            quantity=ln.quantity,
            unit_price=ln.unit_price,
            line_total=ln.line_total,
            discount=0,
            net=ln.line_total,
        )
        for ln in order.lines
    )
    payments = (Tender(PaymentMethod.PROMPTPAY, order.subtotal),) if order.subtotal else ()
    return PricedSale(lines, order.subtotal, 0, order.subtotal, payments, 0)


def _sale_recorded(sale: NewSale) -> sales_contract.SaleRecorded:
    p = sale.priced
    return sales_contract.SaleRecorded(
        sale_id=sale.sale_id,
        terminal_id=None,
        location=TerminalLocation.SHOP,
        channel=sales_contract.SaleChannel.ONLINE,
        occurred_at=sale.occurred_at,
        recorded_at=sale.recorded_at,
        business_day=sale.business_day,
        lines=[
            sales_contract.SoldLine(
                line_no=ln.line_no,
                product_id=ln.product_id,
                sku=ln.sku,
                producer_id=ln.producer_id,
                quantity=ln.quantity,
                unit_price=from_satang(ln.unit_price),
                line_total=from_satang(ln.line_total),
                discount=from_satang(0),
                net_amount=from_satang(ln.net),
            )
            for ln in p.lines
        ],
        subtotal=from_satang(p.subtotal),
        discount=from_satang(0),
        total=from_satang(p.total),
        payments=[
            sales_contract.Payment(method=t.method, amount=from_satang(t.amount))
            for t in p.payments
        ],
        change_given=from_satang(0),
    )


def _common(order: Order, state: OrderState, at: datetime) -> dict[str, object]:
    return {"order_id": order.order_id, "number": order.number, "state": state, "occurred_at": at}


async def confirm_payment(
    cmd: ConfirmPayment, uow: OrdersUnitOfWork, clock: Clock = now_bangkok
) -> Order:
    """Staff saw the PromptPay payment of the exact total: the order is paid and becomes its
    sale, once. Confirming a paid order again with the same amount changes nothing."""
    amount = to_satang(cmd.payment.amount)
    async with uow:
        order = await locked_order(uow, cmd.order_id)
        if is_paid(order.state) and amount == order.total:
            return order
        check_transition(order.state, OrderState.PAID)
        if amount != order.total:
            raise PaymentAmountMismatch(
                f"ยอดชำระ {from_satang(amount)} บาท ไม่ตรงกับยอดคำสั่งซื้อ "
                f"{from_satang(order.total)} บาท / the amount paid is not the order's total",
                total=str(from_satang(order.total)),
            )
        now = clock()
        sale_id = sale_id_of(order.order_id)
        sale = NewSale(
            sale_id=sale_id,
            terminal_id=None,
            shift_id=None,
            location=TerminalLocation.SHOP,
            event_id=None,
            occurred_at=now,
            recorded_at=now,
            business_day=business_day(now),
            priced=priced(order),
            request=LedgerEntry(request_fingerprint("sale", order.order_id), {}),
        )
        event = _sale_recorded(sale)
        sale = dataclasses.replace(
            sale, request=LedgerEntry(sale.request.fingerprint, event.model_dump(mode="json"))
        )
        if sale_id not in await uow.sales.add_all([sale]):
            raise Conflict(f"the sale of order {order.number} is recorded already")
        for raised in await uow.orders.consume(order.order_id, sale_id, now):
            uow.publish(getattr(raised, "producer_id", order.order_id), raised)
        await uow.orders.change(
            order.order_id,
            OrderState.PAID,
            now,
            paid_at=now,
            payment_reference=cmd.payment.reference,
            sale_id=sale_id,
        )
        uow.publish(sale_id, event)
        uow.publish(
            order.order_id,
            contract.OrderPaid(
                **_common(order, OrderState.PAID, now),  # type: ignore[arg-type]
                sale_id=sale_id,
                total=from_satang(order.total),
                business_day=sale.business_day,
            ),
        )
        await uow.commit()
    return order


async def cancel_order(
    cmd: CancelOrder, uow: OrdersUnitOfWork, clock: Clock = now_bangkok
) -> Order:
    """Cancel the order: an unpaid one releases what it held; a paid one (not yet handed
    over or shipped) is refunded. A customer cancels only while the order is unpaid."""
    async with uow:
        order = await locked_order(uow, cmd.order_id)
        if cmd.by_customer and order.state is not OrderState.PLACED:
            raise OrderStateConflict(
                f"คำสั่งซื้อสถานะ{STATE_TH[order.state]} ยกเลิกเองไม่ได้ กรุณาติดต่อร้าน / an "
                f"order that is {order.state.value} can be cancelled by the shop only",
                state=order.state.value,
            )
        check_transition(order.state, OrderState.CANCELLED)
        now = clock()
        refund_id, paid_back = None, None
        if order.state is OrderState.PLACED:
            await uow.orders.release(order.order_id)
        else:
            refund_id, goods = await refund_order_sale(uow, order, cmd.reason, now)
            paid_back = from_satang(goods + order.shipping)  # the shipping fee goes back too
        await uow.orders.change(
            order.order_id,
            OrderState.CANCELLED,
            now,
            cancelled_at=now,
            cancel_reason=cmd.reason,
            refund_id=refund_id,
        )
        uow.publish(
            order.order_id,
            contract.OrderCancelled(
                **_common(order, OrderState.CANCELLED, now),  # type: ignore[arg-type]
                reason=cmd.reason,
                by_customer=cmd.by_customer,
                refunded=paid_back is not None,
                refund_id=refund_id,
                refund_amount=paid_back,
            ),
        )
        await uow.commit()
    return order


async def expire_orders(cmd: ExpireOrders, uow: OrdersUnitOfWork) -> list[uuid.UUID]:
    """Placed orders whose payment time ran out expire and release what they held, each in a
    transaction of its own (so the stock rows are locked in product order, as a till locks
    them; orders another transaction holds are left to the next round)."""
    expired: list[uuid.UUID] = []
    while len(expired) < cmd.limit:
        async with uow:
            due = await uow.orders.due_to_expire(cmd.now, 1)
            if not due:
                break
            order = due[0]
            await uow.orders.release(order.order_id)
            await uow.orders.change(order.order_id, OrderState.EXPIRED, cmd.now, expired_at=cmd.now)
            uow.publish(
                order.order_id,
                contract.OrderExpired(
                    **_common(order, OrderState.EXPIRED, cmd.now),  # type: ignore[arg-type]
                    expires_at=order.expires_at,
                ),
            )
            await uow.commit()
        expired.append(order.order_id)
    return expired
