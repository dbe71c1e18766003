"""What an online order costs to send, and how much one customer may order.

Shipping by post (weightless tiers, the shop's fee table): the first item 50.00 baht, each
further item 10.00 baht, free when the goods come to 1,500.00 baht or more. Pickup at the
centre is free. The table is kept in the database (`shipping_fees`) so the shop can change
it; these are its defaults.

Limits against abuse (answered 429): at most 10 units of a product on a line, at most 20
lines in an order, at most 3 unpaid orders at a time per phone number or e-mail address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.sales.domain.orders import OrderLimitReached
from shared.contracts.orders import Fulfilment

MAX_UNITS_PER_LINE = 10
MAX_LINES = 20
MAX_UNPAID_PER_CONTACT = 3


@dataclass(frozen=True)
class ShippingTable:
    first_item: int  # satang
    each_further: int  # satang
    free_from: int | None  # satang of goods from which shipping is free; None: never

    def fee(self, fulfilment: Fulfilment, items: int, subtotal: int) -> int:
        """The shipping fee of an order of `items` units worth `subtotal` satang."""
        if fulfilment is Fulfilment.PICKUP or items <= 0:
            return 0
        if self.free_from is not None and subtotal >= self.free_from:
            return 0
        return self.first_item + (items - 1) * self.each_further


DEFAULT_SHIPPING = ShippingTable(first_item=5000, each_further=1000, free_from=150000)


def check_order_size(quantities: Sequence[int]) -> None:
    """Refuse an order beyond the per-line and per-order limits."""
    if len(quantities) > MAX_LINES:
        raise OrderLimitReached(
            f"สั่งได้ไม่เกิน {MAX_LINES} รายการต่อคำสั่งซื้อ / at most {MAX_LINES} lines an order",
            limit="lines",
            max=MAX_LINES,
        )
    if any(q > MAX_UNITS_PER_LINE for q in quantities):
        raise OrderLimitReached(
            f"สั่งได้ไม่เกิน {MAX_UNITS_PER_LINE} ชิ้นต่อสินค้า / at most {MAX_UNITS_PER_LINE} "
            "units of a product an order",
            limit="units_per_line",
            max=MAX_UNITS_PER_LINE,
        )


def check_unpaid(unpaid: int) -> None:
    """Refuse a further order from a contact already holding the most unpaid orders."""
    if unpaid >= MAX_UNPAID_PER_CONTACT:
        raise OrderLimitReached(
            f"มีคำสั่งซื้อที่ยังไม่ชำระครบ {MAX_UNPAID_PER_CONTACT} รายการแล้ว กรุณาชำระหรือยกเลิก"
            f"ก่อน / at most {MAX_UNPAID_PER_CONTACT} unpaid orders per phone number or e-mail: "
            "pay or cancel one first",
            limit="unpaid_per_contact",
            max=MAX_UNPAID_PER_CONTACT,
        )
