"""Pairing a terminal: what its app needs (where to post, its id and its key) as a QR code."""

from __future__ import annotations

import json
from typing import Any


def pairing_payload(issued: dict[str, Any], sales_url: str) -> str:
    """The text the QR code carries, as JSON: the sales service's own `pairing` object when
    its answer has one, else the same fields {"terminal_id", "key", "sales_url"} made from
    the answer (a rotated key) and the sales URL the web front knows."""
    given = issued.get("pairing")
    if isinstance(given, dict) and given.get("key"):
        body = dict(given)
    else:
        body = {
            "terminal_id": str(issued["terminal_id"]),
            "key": str(issued["api_key"]),
            "sales_url": sales_url.rstrip("/"),
        }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def qr_svg(payload: str) -> str:
    """The QR code as an inline <svg> element (no XML prolog), scaled for a screen."""
    import segno

    code = segno.make(payload, error="m", micro=False)
    return code.svg_inline(scale=5, border=2, dark="#000", light="#fff")
