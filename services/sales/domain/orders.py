"""An online order of the shop: its states, the changes each allows, and why one is refused.

placed → paid → packed → picked_up (pickup) | shipped (post) → completed; an order is
cancelled while placed, paid or packed (a paid one is refunded), and a placed order not paid
in time expires. Amounts are in satang."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from shared.contracts.orders import Fulfilment, OrderState
from shared.errors import Conflict, DomainError, InvalidInput

# The Buddhist era runs 543 years ahead of the common era.
BE_OFFSET = 543
NUMBER_PREFIX = "OL"

_NEXT: dict[OrderState, frozenset[OrderState]] = {
    OrderState.PLACED: frozenset({OrderState.PAID, OrderState.CANCELLED, OrderState.EXPIRED}),
    OrderState.PAID: frozenset({OrderState.PACKED, OrderState.CANCELLED}),
    OrderState.PACKED: frozenset({OrderState.PICKED_UP, OrderState.SHIPPED, OrderState.CANCELLED}),
    OrderState.PICKED_UP: frozenset({OrderState.COMPLETED}),
    OrderState.SHIPPED: frozenset({OrderState.COMPLETED}),
    OrderState.COMPLETED: frozenset(),
    OrderState.CANCELLED: frozenset(),
    OrderState.EXPIRED: frozenset(),
}
# Each way out of packed belongs to one fulfilment.
_FULFILMENT_OF = {OrderState.PICKED_UP: Fulfilment.PICKUP, OrderState.SHIPPED: Fulfilment.POST}

STATE_TH = {
    OrderState.PLACED: "รอชำระเงิน",
    OrderState.PAID: "ชำระเงินแล้ว",
    OrderState.PACKED: "แพ็กแล้ว",
    OrderState.PICKED_UP: "รับสินค้าแล้ว",
    OrderState.SHIPPED: "จัดส่งแล้ว",
    OrderState.COMPLETED: "เสร็จสิ้น",
    OrderState.CANCELLED: "ยกเลิกแล้ว",
    OrderState.EXPIRED: "หมดเวลาชำระ",
}

FULFILMENT_TH = {Fulfilment.PICKUP: "รับที่ศูนย์", Fulfilment.POST: "ส่งทางไปรษณีย์"}


class OrderStateConflict(Conflict):
    slug = "order-state"
    title = "สถานะคำสั่งซื้อไม่อนุญาต / The order's state does not allow this"


class OutOfStock(Conflict):
    slug = "out-of-stock"
    title = "สินค้าไม่พอ / Out of stock"


class NotInAssortment(Conflict):
    slug = "not-in-assortment"
    title = "สินค้านี้ไม่ได้จำหน่ายที่ร้าน / Not sold by the shop"


class OrderIdReused(Conflict):
    slug = "order-id-reused"
    title = "รหัสคำสั่งซื้อถูกใช้แล้ว / The order id was already used for another order"


class PaymentAmountMismatch(Conflict):
    slug = "payment-amount"
    title = "ยอดชำระไม่ตรงกับยอดคำสั่งซื้อ / The amount paid is not the order's total"


class OrderLimitReached(DomainError):
    """An abuse limit: answered 429."""

    slug = "order-limit"
    title = "เกินขีดจำกัดการสั่งซื้อ / Order limit reached"


class PaymentNotSetUp(Conflict):
    slug = "promptpay-not-set-up"
    title = "ร้านยังไม่ได้ตั้งค่าพร้อมเพย์ / PromptPay is not set up for the shop"


def order_number(be_year: int, sequence: int) -> str:
    """`OL-2569-000001`: the year in the Buddhist era, then the year's running number."""
    if sequence < 1:
        raise ValueError("order numbers start at 1")
    return f"{NUMBER_PREFIX}-{be_year}-{sequence:06d}"


def be_year_of(moment: datetime) -> int:
    return moment.year + BE_OFFSET


def check_transition(
    current: OrderState, wanted: OrderState, fulfilment: Fulfilment | None = None
) -> None:
    """Refuse (409 `order-state`, naming the current state) a change the state does not allow."""
    allowed = wanted in _NEXT[current]
    needed = _FULFILMENT_OF.get(wanted)
    if allowed and needed is not None and fulfilment is not None and needed != fulfilment:
        raise OrderStateConflict(
            f"คำสั่งซื้อแบบ{FULFILMENT_TH[fulfilment]} เปลี่ยนเป็น {wanted.value} ไม่ได้ / "
            f"a {fulfilment.value} order cannot become {wanted.value}",
            state=current.value,
        )
    if not allowed:
        raise OrderStateConflict(
            f"คำสั่งซื้อสถานะ{STATE_TH[current]} เปลี่ยนเป็น {wanted.value} ไม่ได้ / an order "
            f"that is {current.value} cannot become {wanted.value}",
            state=current.value,
        )


def allowed_next(state: OrderState, fulfilment: Fulfilment) -> list[OrderState]:
    """The states an order may move to next (what a console offers)."""
    return [
        s
        for s in _NEXT[state]
        if _FULFILMENT_OF.get(s) in (None, fulfilment) and s is not OrderState.EXPIRED
    ]


def cancellable(state: OrderState) -> bool:
    return OrderState.CANCELLED in _NEXT[state]


def is_paid(state: OrderState) -> bool:
    """Whether the order became a sale (paid and later, cancelled ones aside)."""
    return state in (
        OrderState.PAID,
        OrderState.PACKED,
        OrderState.PICKED_UP,
        OrderState.SHIPPED,
        OrderState.COMPLETED,
    )


@dataclass(frozen=True)
class OrderLine:
    line_no: int
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    name_th: str | None
    name_en: str | None
    quantity: int
    unit_price: int  # satang

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class Order:
    """An order as it is kept (the customer's personal data aside)."""

    order_id: uuid.UUID
    number: str
    state: OrderState
    fulfilment: Fulfilment
    subtotal: int
    shipping: int
    total: int
    placed_at: datetime
    expires_at: datetime
    lines: tuple[OrderLine, ...]
    sale_id: uuid.UUID | None = None
    refund_id: uuid.UUID | None = None
    paid_at: datetime | None = None


def require_input(condition: bool, detail: str) -> None:
    if not condition:
        raise InvalidInput(detail)
