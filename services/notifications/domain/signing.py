"""Signatures of webhook requests, in the style of the large payment providers.

Header `OTOP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. A
receiver recomputes the HMAC with the subscription's secret, compares in constant time and
refuses timestamps outside its tolerance, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "OTOP-Signature"
DEFAULT_TOLERANCE_SECONDS = 300


class InvalidSignature(ValueError):
    pass


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The header value for `body` sent now (or at `timestamp`)."""
    moment = int(time.time()) if timestamp is None else timestamp
    return f"t={moment},v1={_mac(secret, moment, body)}"


def verify(
    secret: str,
    body: bytes,
    header: str,
    *,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: int | None = None,
) -> None:
    """Raise InvalidSignature unless `header` signs `body` with `secret`, recently enough."""
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise InvalidSignature("the timestamp is not a number") from None
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise InvalidSignature("the header needs t=<timestamp> and v1=<signature>")
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance_seconds:
        raise InvalidSignature("the timestamp is outside the tolerance")
    expected = _mac(secret, timestamp, body).encode()
    # Compared as bytes: a tampered header may hold any character, and comparing non-ASCII
    # strings would raise instead of refusing the signature.
    if not any(hmac.compare_digest(expected, c.encode("utf-8", "replace")) for c in candidates):
        raise InvalidSignature("the signature does not match")
