"""Pairing a terminal: what its app needs (where to post, its id and its key) as a QR code.

The code carries a link to the terminal app, `<sales_url>/terminal/#pair=<base64url JSON>`:
scanned with a tablet's camera it opens the app already paired (the key stays in the
fragment, which browsers never send to a server)."""

from __future__ import annotations

import base64
import json
from typing import Any


def pairing_payload(issued: dict[str, Any], sales_url: str) -> str:
    """The pairing data as JSON: the sales service's own `pairing` object when its answer
    has one, else the same fields {"terminal_id", "key", "sales_url"} made from the answer
    (a rotated key) and the sales URL the web front knows."""
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


def pairing_url(payload: str) -> str:
    """The terminal app's address that pairs it: its sales URL, /terminal/, and the pairing
    data as base64url (no padding) in the `#pair=` fragment."""
    body = json.loads(payload)
    encoded = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{str(body['sales_url']).rstrip('/')}/terminal/#pair={encoded}"


def qr_svg(payload: str) -> str:
    """The QR code of the pairing link as an inline <svg> element (no XML prolog), scaled for
    a screen."""
    import segno

    code = segno.make(pairing_url(payload), error="m", micro=False)
    return code.svg_inline(scale=4, border=2, dark="#000", light="#fff")
