"""PromptPay QR payloads: EMVCo merchant-presented mode with the Bank of Thailand's
PromptPay template (tag 29, AID A000000677010111)."""

from __future__ import annotations

import re
from decimal import Decimal

from shared.errors import InvalidInput

PROMPTPAY_AID = "A000000677010111"
_PHONE = "01"  # sub-tag: mobile number, 0066 + number without its leading 0
_NATIONAL_OR_TAX_ID = "02"  # sub-tag: 13-digit national id or tax id
_E_WALLET = "03"  # sub-tag: 15-digit e-wallet id
_MAX_AMOUNT_CHARS = 13  # EMVCo tag 54, the transaction amount, is at most 13 characters


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"EMVCo field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes, initial: int = 0xFFFF) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection."""
    crc = initial
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def proxy_field(promptpay_id: str) -> str:
    digits = re.sub(r"[^0-9]", "", promptpay_id)
    if len(digits) == 15:
        return _field(_E_WALLET, digits)
    if len(digits) == 13:
        return _field(_NATIONAL_OR_TAX_ID, digits)
    if 9 <= len(digits) <= 12:
        if digits.startswith("66"):
            digits = digits[2:]
        digits = digits.removeprefix("0")
        return _field(_PHONE, ("0066" + digits).rjust(13, "0")[-13:])
    raise InvalidInput(
        "a PromptPay id is a mobile number, a 13-digit national or tax id, or a 15-digit "
        "e-wallet id"
    )


def payload(promptpay_id: str, amount: Decimal | None = None) -> str:
    """The string to render as a QR code; with an amount the code is for one payment."""
    fields = [
        _field("00", "01"),
        _field("01", "12" if amount else "11"),
        _field("29", _field("00", PROMPTPAY_AID) + proxy_field(promptpay_id)),
        _field("58", "TH"),
        _field("53", "764"),
    ]
    if amount:
        text = format(amount.quantize(Decimal("0.01")), "f")
        if len(text) > _MAX_AMOUNT_CHARS:
            raise InvalidInput(
                f"{text} is too large for a PromptPay QR code (at most 9999999999.99 baht)"
            )
        fields.append(_field("54", text))
    body = "".join(fields) + "6304"
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"
