"""The visitor's cart, kept in a signed cookie (no account): {product id: quantity}. The
sales service checks stock and limits again when the order is placed."""

from __future__ import annotations

import re
import uuid

from fastapi import Request
from fastapi.responses import Response

from services.web.public.signing import sign, unsign

COOKIE = "otop_cart"
MAX_LINES = 20
MAX_QUANTITY = 10
TOO_MANY_LINES = (
    f"ตะกร้าใส่สินค้าได้ไม่เกิน {MAX_LINES} รายการ / a cart holds at most {MAX_LINES} products"
)

Cart = dict[str, int]
# ASCII digits only, and few of them: "²" or a thousand digits are not a quantity.
_QUANTITY = re.compile(r"[0-9]{1,4}")


def cart_of(request: Request) -> Cart:
    value = unsign(request, "cart", request.cookies.get(COOKIE))
    if not isinstance(value, dict):
        return {}
    cart: Cart = {}
    for key, quantity in value.items():
        try:
            product_id = str(uuid.UUID(str(key)))
        except ValueError:
            continue
        if isinstance(quantity, int) and 1 <= quantity <= MAX_QUANTITY:
            cart[product_id] = quantity
    return dict(list(cart.items())[:MAX_LINES])


def quantity_of(text: object, default: int = 1) -> int | None:
    """A quantity from a form (1..MAX_QUANTITY, 0 removes), None when it is not a number."""
    value = str(text if text is not None else default).strip()
    if not _QUANTITY.fullmatch(value):
        return None
    return min(int(value), MAX_QUANTITY)


def keep_cart(request: Request, response: Response, cart: Cart) -> Response:
    if not cart:
        response.delete_cookie(COOKIE, path="/")
        return response
    response.set_cookie(
        COOKIE,
        sign(request, "cart", cart),
        max_age=7 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=request.app.state.web.settings.cookie_secure,
        path="/",
    )
    return response
