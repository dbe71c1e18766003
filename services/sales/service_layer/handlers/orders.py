"""Placing an online order (it holds its stock, all lines or none) and the changes of state
that move no money: pack, hand over, ship, complete, expire."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.sales.domain import promptpay
from services.sales.domain.orders import (
    NotInAssortment,
    Order,
    OrderIdReused,
    OrderLine,
    OutOfStock,
    PaymentNotSetUp,
    be_year_of,
    check_transition,
    order_number,
)
from services.sales.domain.orders_access import access_code, code_hash, told_again
from services.sales.domain.orders_fees import check_order_size, check_unpaid
from services.sales.service_layer.orders_commands import (
    CompleteOrder,
    HandOverOrder,
    PackOrder,
    PlaceOrder,
    ShipOrder,
    as_json,
    normal_phone,
)
from services.sales.service_layer.orders_ports import Held, KeptOrder, Offer, OrdersUnitOfWork
from shared.contracts import orders as contract
from shared.contracts.orders import OrderState
from shared.errors import NotFound
from shared.money import from_satang
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Placed:
    order: Order
    # Told again to a retried placing; None only for an order whose code was random, or
    # derived with a secret since replaced.
    access_code: str | None
    replayed: bool = False


def payload_for(order: Order, promptpay_id: str | None) -> str | None:
    """The PromptPay QR payload for the order's exact total (None: PromptPay not set up)."""
    if promptpay_id is None or order.total <= 0:
        return None
    return promptpay.payload(promptpay_id, from_satang(order.total))


def _named(ids: list[uuid.UUID], offers: dict[uuid.UUID, Offer]) -> str:
    names = []
    for product_id in ids:
        offer = offers.get(product_id)
        names.append(offer.name_th or offer.sku if offer else str(product_id))
    return ", ".join(names)


def _lines(cmd: PlaceOrder, offers: dict[uuid.UUID, Offer]) -> tuple[OrderLine, ...]:
    missing = [ln.product_id for ln in cmd.lines if ln.product_id not in offers]
    if missing:
        raise NotInAssortment(
            f"ร้านไม่ได้จำหน่ายสินค้านี้ทางออนไลน์: {_named(missing, offers)} / not sold by the shop online",
            products=[str(p) for p in missing],
        )
    return tuple(
        OrderLine(
            line_no=no,
            product_id=offers[ln.product_id].product_id,
            sku=offers[ln.product_id].sku,
            producer_id=offers[ln.product_id].producer_id,
            name_th=offers[ln.product_id].name_th,
            name_en=offers[ln.product_id].name_en,
            quantity=ln.quantity,
            unit_price=offers[ln.product_id].price,
        )
        for no, ln in enumerate(cmd.lines, 1)
    )


def _placed_event(order: Order, cmd: PlaceOrder, payload: str | None) -> contract.OrderPlaced:
    customer = cmd.customer
    return contract.OrderPlaced(
        order_id=order.order_id,
        number=order.number,
        state=order.state,
        occurred_at=order.placed_at,
        customer=contract.Customer(
            name=customer.name,
            phone=normal_phone(customer.phone) if customer.phone else None,
            email=customer.email,
            line_id=customer.line_id,
        ),
        fulfilment=order.fulfilment,
        address=contract.PostalAddress.model_validate(as_json(cmd.address))
        if cmd.address
        else None,
        lines=[
            contract.OrderedLine(
                line_no=ln.line_no,
                product_id=ln.product_id,
                sku=ln.sku,
                producer_id=ln.producer_id,
                name_th=ln.name_th,
                name_en=ln.name_en,
                quantity=ln.quantity,
                unit_price=from_satang(ln.unit_price),
                line_total=from_satang(ln.line_total),
            )
            for ln in order.lines
        ],
        subtotal=from_satang(order.subtotal),
        shipping_fee=from_satang(order.shipping),
        total=from_satang(order.total),
        expires_at=order.expires_at,
        promptpay_payload=payload,
    )


class _Raced(Exception):
    """Another request stored an order under the same id first."""


def _replay(kept: KeptOrder, fingerprint: str, code_secret: bytes) -> Placed:
    if kept.request_hash != fingerprint:
        raise OrderIdReused(
            f"คำสั่งซื้อ {kept.order.order_id} ถูกใช้กับคำสั่งซื้ออื่นแล้ว / order "
            f"{kept.order.order_id} was placed with a different body; a new order needs a new "
            "order_id"
        )
    code = told_again(code_secret, kept.order.order_id, kept.access_hash)
    return Placed(kept.order, code, replayed=True)


async def place_order(
    cmd: PlaceOrder,
    uow: OrdersUnitOfWork,
    *,
    promptpay_id: str | None,
    payment_minutes: int,
    code_secret: bytes,
    clock: Clock = now_bangkok,
) -> Placed:
    """Place the order holding its units; a retry of the same body answers the same order
    with the same access code (derived from the order's id with `code_secret`; only its hash
    is kept), another body under a used id is refused 409."""
    fingerprint = cmd.fingerprint()
    try:
        return await _place(
            cmd, uow, fingerprint, promptpay_id, payment_minutes, code_secret, clock
        )
    except _Raced:
        async with uow:
            kept = await uow.orders.get(cmd.order_id)
        assert kept is not None
        return _replay(kept, fingerprint, code_secret)


async def _place(
    cmd: PlaceOrder,
    uow: OrdersUnitOfWork,
    fingerprint: str,
    promptpay_id: str | None,
    payment_minutes: int,
    code_secret: bytes,
    clock: Clock,
) -> Placed:
    async with uow:
        customer = cmd.customer
        # The contact's turn first: a retry racing its first try then finds the order placed
        # rather than counting it among the contact's unpaid orders.
        await uow.orders.hold_contacts(customer.contacts)
        kept = await uow.orders.get(cmd.order_id)
        if kept is not None:
            return _replay(kept, fingerprint, code_secret)
        if promptpay_id is None:  # an order nobody could pay would only hold stock
            raise PaymentNotSetUp("ร้านยังไม่รับชำระด้วยพร้อมเพย์ / the shop takes no payment yet")
        check_order_size([ln.quantity for ln in cmd.lines])
        phone = normal_phone(customer.phone) if customer.phone else None
        check_unpaid(await uow.orders.unpaid(phone, customer.email))
        offers = await uow.orders.offers(ln.product_id for ln in cmd.lines)
        lines = _lines(cmd, offers)
        subtotal = sum(ln.line_total for ln in lines)
        table = await uow.orders.shipping_table()
        shipping = table.fee(cmd.fulfilment, sum(ln.quantity for ln in lines), subtotal)
        now = clock()
        number = order_number(be_year_of(now), await uow.orders.next_number(be_year_of(now)))
        code = access_code(code_secret, cmd.order_id)
        order = Order(
            order_id=cmd.order_id,
            number=number,
            state=OrderState.PLACED,
            fulfilment=cmd.fulfilment,
            subtotal=subtotal,
            shipping=shipping,
            total=subtotal + shipping,
            placed_at=now,
            expires_at=now + timedelta(minutes=payment_minutes),
            lines=lines,
        )
        details = {
            "name": customer.name,
            "phone": phone,
            "email": customer.email,
            "line_id": customer.line_id,
            "address": as_json(cmd.address),
        }
        if not await uow.orders.add(
            KeptOrder(order, fingerprint, code_hash(code)), details, cmd.note
        ):
            raise _Raced
        held = [Held(ln.product_id, ln.producer_id, ln.quantity) for ln in lines]
        short = await uow.orders.reserve(order.order_id, held)
        if short:
            raise OutOfStock(
                f"สินค้าไม่พอ: {_named(sorted(short), offers)} / not enough in stock",
                products=[
                    {"product_id": str(p), "name_th": offers[p].name_th, "available": n}
                    for p, n in sorted(short.items())
                ],
            )
        uow.publish(order.order_id, _placed_event(order, cmd, payload_for(order, promptpay_id)))
        await uow.commit()
    return Placed(order, code)


async def locked_order(uow: OrdersUnitOfWork, order_id: uuid.UUID) -> Order:
    kept = await uow.orders.get(order_id, for_update=True)
    if kept is None:
        raise NotFound(f"ไม่พบคำสั่งซื้อ / no order {order_id}")
    return kept.order


async def _move(
    uow: OrdersUnitOfWork,
    order_id: uuid.UUID,
    state: OrderState,
    clock: Clock,
    stamp: str,
    **fields: object,
) -> Order:
    async with uow:
        order = await locked_order(uow, order_id)
        check_transition(order.state, state, order.fulfilment)
        now = clock()
        await uow.orders.change(order_id, state, now, **{stamp: now}, **fields)
        common = {"order_id": order_id, "number": order.number, "state": state, "occurred_at": now}
        if state is OrderState.PACKED:
            uow.publish(order_id, contract.OrderPacked(**common))
        elif state is OrderState.PICKED_UP:
            uow.publish(order_id, contract.OrderHandedOver(**common))
        elif state is OrderState.SHIPPED:
            uow.publish(order_id, contract.OrderShipped(**common, **fields))  # type: ignore[arg-type]
        else:
            uow.publish(order_id, contract.OrderCompleted(**common))
        await uow.commit()
    return order


async def pack_order(cmd: PackOrder, uow: OrdersUnitOfWork, clock: Clock = now_bangkok) -> Order:
    return await _move(uow, cmd.order_id, OrderState.PACKED, clock, "packed_at")


async def hand_over_order(
    cmd: HandOverOrder, uow: OrdersUnitOfWork, clock: Clock = now_bangkok
) -> Order:
    return await _move(uow, cmd.order_id, OrderState.PICKED_UP, clock, "handed_over_at")


async def ship_order(cmd: ShipOrder, uow: OrdersUnitOfWork, clock: Clock = now_bangkok) -> Order:
    shipment = cmd.shipment
    return await _move(
        uow,
        cmd.order_id,
        OrderState.SHIPPED,
        clock,
        "shipped_at",
        carrier=shipment.carrier,
        tracking_no=shipment.tracking_no,
    )


async def complete_order(
    cmd: CompleteOrder, uow: OrdersUnitOfWork, clock: Clock = now_bangkok
) -> Order:
    return await _move(uow, cmd.order_id, OrderState.COMPLETED, clock, "completed_at")
