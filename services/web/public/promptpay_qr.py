"""The PromptPay QR of an order drawn on the server (segno, SVG): the payload the sales
service made for the order's exact amount, as any Thai banking app scans it."""

from __future__ import annotations

import io

import segno


def qr_svg(payload: str) -> str:
    code = segno.make(payload, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=6,
        border=4,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        svgclass="promptpay-qr",
        title="PromptPay QR",
    )
    return out.getvalue().decode()
