"""The answers of the online-order routes: an order as its customer sees it (no personal
data: a leaked link shows nobody's name) and as staff see it (with the customer)."""

from __future__ import annotations

import json
from typing import Any

import asyncpg

from services.sales.domain import promptpay
from services.sales.domain.orders import STATE_TH, allowed_next, cancellable
from services.sales.domain.orders_fees import (
    MAX_LINES,
    MAX_UNITS_PER_LINE,
    MAX_UNPAID_PER_CONTACT,
)
from shared.contracts.orders import Fulfilment, OrderState
from shared.money import format_baht, from_satang


def baht(satang: int | None) -> str | None:
    return None if satang is None else format_baht(from_satang(satang))


def _promptpay(row: asyncpg.Record, promptpay_id: str | None) -> dict[str, Any] | None:
    if row["state"] != OrderState.PLACED.value or promptpay_id is None or not row["total_satang"]:
        return None
    amount = from_satang(row["total_satang"])
    return {"payload": promptpay.payload(promptpay_id, amount), "amount": format_baht(amount)}


def _lines(lines: list[asyncpg.Record]) -> list[dict[str, Any]]:
    return [
        {
            "line_no": ln["line_no"],
            "product_id": ln["product_id"],
            "sku": ln["sku"],
            "name_th": ln["name_th"],
            "name_en": ln["name_en"],
            "quantity": ln["quantity"],
            "unit_price": baht(ln["unit_price_satang"]),
            "line_total": baht(ln["line_total_satang"]),
        }
        for ln in lines
    ]


def customer_view(
    row: asyncpg.Record, lines: list[asyncpg.Record], promptpay_id: str | None
) -> dict[str, Any]:
    """The order as its customer sees it: state, lines, totals, how to pay while unpaid."""
    state = OrderState(row["state"])
    return {
        "order_id": row["order_id"],
        "number": row["number"],
        "state": state.value,
        "state_th": STATE_TH[state],
        "fulfilment": row["fulfilment"],
        "lines": _lines(lines),
        "subtotal": baht(row["subtotal_satang"]),
        "shipping_fee": baht(row["shipping_satang"]),
        "total": baht(row["total_satang"]),
        "promptpay": _promptpay(row, promptpay_id),
        "placed_at": row["placed_at"],
        "expires_at": row["expires_at"] if state is OrderState.PLACED else None,
        "paid_at": row["paid_at"],
        "carrier": row["carrier"],
        "tracking_no": row["tracking_no"],
        "cancellable": state is OrderState.PLACED,
    }


def placed_answer(
    row: asyncpg.Record,
    lines: list[asyncpg.Record],
    promptpay_id: str | None,
    access_code: str | None,
) -> dict[str, Any]:
    return {**customer_view(row, lines, promptpay_id), "access_code": access_code}


def _customer(row: asyncpg.Record) -> dict[str, Any]:
    address = row["address"]
    return {
        "name": row["customer_name"],
        "phone": row["phone"],
        "email": row["email"],
        "line_id": row["line_id"],
        "address": json.loads(address) if isinstance(address, str) else address,
    }


def _paid_back(row: asyncpg.Record) -> str | None:
    """What the cancelled order's customer is paid back: the goods its refund gave back and
    the shipping fee."""
    if row["state"] != OrderState.CANCELLED.value or row["sale_id"] is None:
        return None
    return baht((row["refund_goods_satang"] or 0) + row["shipping_satang"])


def staff_view(
    row: asyncpg.Record, lines: list[asyncpg.Record], promptpay_id: str | None
) -> dict[str, Any]:
    """The order as staff see it: with its customer, its sale and what may happen next."""
    state = OrderState(row["state"])
    fulfilment = Fulfilment(row["fulfilment"])
    view = customer_view(row, lines, promptpay_id)
    view.update(
        {
            "expires_at": row["expires_at"],
            "customer": _customer(row),
            "note": row["note"],
            "payment_reference": row["payment_reference"],
            "sale_id": row["sale_id"],
            "refund_id": row["refund_id"],
            "refund_amount": _paid_back(row),
            "packed_at": row["packed_at"],
            "handed_over_at": row["handed_over_at"],
            "shipped_at": row["shipped_at"],
            "completed_at": row["completed_at"],
            "cancelled_at": row["cancelled_at"],
            "cancel_reason": row["cancel_reason"],
            "expired_at": row["expired_at"],
            "contact_erased_at": row["contact_erased_at"],
            "next": [s.value for s in allowed_next(state, fulfilment)],
            "cancellable": cancellable(state),
        }
    )
    return view


def list_item(row: asyncpg.Record) -> dict[str, Any]:
    state = OrderState(row["state"])
    return {
        "order_id": row["order_id"],
        "number": row["number"],
        "state": state.value,
        "state_th": STATE_TH[state],
        "customer_name": row["customer_name"],
        "contact_erased": row["contact_erased_at"] is not None,
        "fulfilment": row["fulfilment"],
        "items": row["items"],
        "total": baht(row["total_satang"]),
        "placed_at": row["placed_at"],
        "expires_at": row["expires_at"],
        "tracking_no": row["tracking_no"],
    }


def shipping_answer(row: dict[str, Any], payment_minutes: int) -> dict[str, Any]:
    """The fee table and the limits, as a customer reads them before ordering."""
    return {
        "pickup": {"fee": "0.00", "th": "รับสินค้าที่ศูนย์ ไม่มีค่าส่ง", "en": "Pickup: free"},
        "post": {
            "first_item": baht(row["first_item_satang"]),
            "each_further_item": baht(row["each_further_satang"]),
            "free_from": baht(row["free_from_satang"]),
            "th": "ส่งทางไปรษณีย์: ชิ้นแรก {} บาท ชิ้นต่อไปชิ้นละ {} บาท{}".format(
                baht(row["first_item_satang"]),
                baht(row["each_further_satang"]),
                f" ส่งฟรีเมื่อสั่งครบ {baht(row['free_from_satang'])} บาท"
                if row["free_from_satang"]
                else "",
            ),
        },
        "limits": {
            "units_per_line": MAX_UNITS_PER_LINE,
            "lines_per_order": MAX_LINES,
            "unpaid_orders_per_contact": MAX_UNPAID_PER_CONTACT,
        },
        "payment_minutes": payment_minutes,
    }
