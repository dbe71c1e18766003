"""Events of the shop's consignment and online orders, as the sales service publishes them,
for tests of what producers and customers are told."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from shared.contracts import consignment, orders
from shared.timeutil import BANGKOK

PLACED_AT = datetime(2026, 11, 30, 14, 5, tzinfo=BANGKOK)
PAY_BY = PLACED_AT + timedelta(minutes=60)
PRODUCT = uuid.UUID("5b0c6a8e-8d1e-4c8e-9a55-3f0f5b7e2d11")


def customer(
    *, email: str | None = "napat@example.org", line_id: str | None = None, phone: str | None = None
) -> orders.Customer:
    return orders.Customer(name="ณภัทร ใจงาม", email=email, line_id=line_id, phone=phone)


def placed(
    order_id: uuid.UUID | None = None,
    *,
    who: orders.Customer | None = None,
    fulfilment: orders.Fulfilment = orders.Fulfilment.POST,
    number: str = "OL-2569-000042",
) -> orders.OrderPlaced:
    producer = uuid.uuid4()
    lines = [
        orders.OrderedLine(
            line_no=1,
            product_id=PRODUCT,
            sku="KKN-SILK-01",
            producer_id=producer,
            name_th="ผ้าไหมมัดหมี่ขอนแก่น",
            name_en="Khon Kaen mudmee silk",
            quantity=1,
            unit_price=Decimal("1200.00"),
            line_total=Decimal("1200.00"),
        ),
        orders.OrderedLine(
            line_no=2,
            product_id=uuid.uuid4(),
            sku="KKN-RICE-02",
            producer_id=producer,
            name_th="ข้าวหอมมะลิ",
            name_en="Jasmine rice",
            quantity=2,
            unit_price=Decimal("25.25"),
            line_total=Decimal("50.50"),
        ),
    ]
    post = fulfilment is orders.Fulfilment.POST
    return orders.OrderPlaced(
        order_id=order_id or uuid.uuid4(),
        number=number,
        state=orders.OrderState.PLACED,
        occurred_at=PLACED_AT,
        customer=who or customer(),
        fulfilment=fulfilment,
        address=(
            orders.PostalAddress(
                recipient="ณภัทร ใจงาม",
                lines=["99 ถนนมิตรภาพ"],
                province="ขอนแก่น",
                postal_code="40000",
            )
            if post
            else None
        ),
        lines=lines,
        subtotal=Decimal("1250.50"),
        shipping_fee=Decimal("60.00") if post else Decimal("0.00"),
        total=Decimal("1310.50") if post else Decimal("1250.50"),
        expires_at=PAY_BY,
        promptpay_payload="00020101021229370016A000000677010111011300668123456785802TH53037645406"
        "1310.506304ABCD",
    )


def _base(order: orders.OrderPlaced, state: orders.OrderState, minutes: int) -> dict:
    return {
        "order_id": order.order_id,
        "number": order.number,
        "state": state,
        "occurred_at": order.occurred_at + timedelta(minutes=minutes),
    }


def paid(order: orders.OrderPlaced) -> orders.OrderPaid:
    return orders.OrderPaid(
        **_base(order, orders.OrderState.PAID, 20),
        sale_id=uuid.uuid5(order.order_id, "sale"),
        total=order.total,
        business_day=order.occurred_at.date(),
    )


def packed(order: orders.OrderPlaced) -> orders.OrderPacked:
    return orders.OrderPacked(**_base(order, orders.OrderState.PACKED, 120))


def handed_over(order: orders.OrderPlaced) -> orders.OrderHandedOver:
    return orders.OrderHandedOver(**_base(order, orders.OrderState.PICKED_UP, 180))


def shipped(order: orders.OrderPlaced, tracking_no: str = "EF123456789TH") -> orders.OrderShipped:
    return orders.OrderShipped(
        **_base(order, orders.OrderState.SHIPPED, 240), carrier="ไปรษณีย์ไทย", tracking_no=tracking_no
    )


def completed(order: orders.OrderPlaced, days: int = 3) -> orders.OrderCompleted:
    return orders.OrderCompleted(**_base(order, orders.OrderState.COMPLETED, days * 24 * 60))


def cancelled(order: orders.OrderPlaced, *, refunded: bool) -> orders.OrderCancelled:
    return orders.OrderCancelled(
        **_base(order, orders.OrderState.CANCELLED, 30),
        reason="สินค้าชำรุดระหว่างแพ็ก",
        refunded=refunded,
        refund_id=uuid.uuid4() if refunded else None,
    )


def expired(order: orders.OrderPlaced) -> orders.OrderExpired:
    return orders.OrderExpired(**_base(order, orders.OrderState.EXPIRED, 61), expires_at=PAY_BY)


AT = datetime(2026, 11, 30, 10, 15, tzinfo=BANGKOK)


def _named(producer_id: uuid.UUID) -> dict:
    return {
        "producer_id": producer_id,
        "product_id": PRODUCT,
        "sku": "KKN-SILK-01",
        "name_th": "ผ้าไหมมัดหมี่ขอนแก่น",
        "name_en": "Khon Kaen mudmee silk",
    }


def approved(producer_id: uuid.UUID) -> consignment.AssortmentApproved:
    return consignment.AssortmentApproved(
        **_named(producer_id), state=consignment.AssortmentState.APPROVED, low_stock_at=3, at=AT
    )


def declined(producer_id: uuid.UUID) -> consignment.AssortmentDeclined:
    return consignment.AssortmentDeclined(
        **_named(producer_id),
        state=consignment.AssortmentState.DECLINED,
        reason="บรรจุภัณฑ์ยังไม่มีฉลากภาษาไทย",
        at=AT,
    )


def _note_lines() -> list[consignment.NoteLine]:
    return [
        consignment.NoteLine(
            product_id=PRODUCT,
            name_th="ผ้าไหมมัดหมี่ขอนแก่น",
            name_en="Khon Kaen mudmee silk",
            lot_code="L2569-11",
            quantity=5,
        ),
        consignment.NoteLine(
            product_id=uuid.uuid4(),
            name_th="น้ำพริกปลาร้า",
            name_en="Fermented fish chilli paste",
            lot_code="NP-0112",
            best_before=date(2027, 1, 15),
            quantity=12,
        ),
    ]


def received(producer_id: uuid.UUID) -> consignment.ConsignmentReceived:
    return consignment.ConsignmentReceived(
        note_id=uuid.uuid4(),
        number="CN-2569-000007",
        producer_id=producer_id,
        lines=_note_lines(),
        occurred_at=AT,
    )


def returned(producer_id: uuid.UUID) -> consignment.ConsignmentReturned:
    return consignment.ConsignmentReturned(
        note_id=uuid.uuid4(),
        number="RN-2569-000003",
        producer_id=producer_id,
        reason=consignment.ReturnReason.EXPIRED,
        lines=_note_lines()[1:],
        occurred_at=AT,
    )


def low(producer_id: uuid.UUID, available: int = 2) -> consignment.StockLow:
    return consignment.StockLow(**_named(producer_id), available=available, threshold=3, at=AT)


def lot_expiring(producer_id: uuid.UUID) -> consignment.LotExpiring:
    return consignment.LotExpiring(
        **_named(producer_id),
        lot_code="NP-0112",
        best_before=date(2027, 1, 15),
        days_left=14,
        on_hand=6,
        at=AT,
    )


def recall(producer_id: uuid.UUID) -> consignment.RecallRequested:
    return consignment.RecallRequested(
        **_named(producer_id), on_hand=4, reason="ผลิตภัณฑ์ถูกถอนออกจากทะเบียน", at=AT
    )
