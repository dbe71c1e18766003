"""The customer's access code of an online order: an HMAC of the order's id with the
service's secret, so the same order is always told the same code (a retried placing too)
while the service keeps only the code's SHA-256. Orders placed before the codes were derived
(random codes) stay verifiable by that hash."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

# 16 characters of base64url: 96 bits, as long as the random codes were.
CODE_LENGTH = 16


def access_code(secret: bytes, order_id: uuid.UUID) -> str:
    digest = hmac.new(secret, b"order-access-code:" + order_id.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:CODE_LENGTH]


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def opens(stored_hash: str, code: str | None) -> bool:
    """Whether `code` is the access code the order's stored hash was made of."""
    if not code:
        return False
    return hmac.compare_digest(stored_hash.encode(), code_hash(code).encode())


def told_again(secret: bytes, order_id: uuid.UUID, stored_hash: str) -> str | None:
    """The code a retried placing is told: the derived code when it is the order's (None for
    an order whose code was random, or derived with a secret since replaced)."""
    code = access_code(secret, order_id)
    return code if opens(stored_hash, code) else None
