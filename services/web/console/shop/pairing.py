"""Pairing a terminal: what its app needs (the sales URL, its id and its key) as a QR code."""

from __future__ import annotations

import json
from typing import Any


def pairing_payload(
    registered: dict[str, Any], sales_url: str, shop_code: str | None = None
) -> str:
    """The text the QR code carries: the sales service's own `pairing` object when it gives
    one, else {"sales_url", "terminal_id", "api_key", "name"} as JSON."""
    given = registered.get("pairing")
    if isinstance(given, dict):
        return json.dumps(given, ensure_ascii=False, separators=(",", ":"))
    if isinstance(given, str) and given:
        return given
    body = {
        "sales_url": sales_url.rstrip("/"),
        "terminal_id": str(registered["terminal_id"]),
        "api_key": str(registered["api_key"]),
        "name": registered.get("name"),
    }
    if shop_code:
        body["shop_code"] = shop_code
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def qr_svg(payload: str) -> str:
    """The QR code as an inline <svg> element (no XML declaration), scaled for a screen."""
    import segno

    code = segno.make(payload, error="m", micro=False)
    return code.svg_inline(scale=5, border=2, dark="#000", light="#fff")
