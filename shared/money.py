"""Thai baht with satang, kept as an exact whole number of satang. Never a float.

On the wire an amount is a decimal string with at most 2 decimals and nothing around it
("1250.50", never " 1250.50" or 1250.5). `Baht` is one amount (a price, a payment, a budget,
a sale) and stops at the platform's largest amount (`shared.limits.MAX_AMOUNT`), so every
service takes what another accepted; `BahtTotal` and `SignedBaht` are sums (reports, daily
summaries, settlements), which can grow past it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from shared.limits import (
    AMOUNT_PATTERN,
    MAX_AMOUNT,
    SIGNED_TOTAL_PATTERN,
    TOTAL_PATTERN,
)

_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?\Z")
_SIGNED_AMOUNT = re.compile(r"^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?\Z")


class InvalidAmount(ValueError):
    pass


def _text_of(value: Any, example: str) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return value
    raise InvalidAmount(
        f'amounts are decimal strings in baht with at most 2 decimals, e.g. "{example}"'
    )


def parse_total(value: Any) -> Decimal:
    """Parse a decimal string such as "1250.50" into an exact Decimal of baht, up to 13 digits
    before the point (a sum of amounts).

    JSON numbers are refused: a float cannot carry satang exactly, and "19.999999999" is
    not a price. So is any space around the digits: the pattern the API documents has none.
    """
    text = _text_of(value, "1250.50")
    if not _AMOUNT.match(text):
        raise InvalidAmount(
            f'"{value}" is not an amount in baht: use digits with at most 2 decimals and '
            'nothing around them, e.g. "1250.50"'
        )
    return Decimal(text).quantize(Decimal("0.01"))


def parse_baht(value: Any) -> Decimal:
    """Parse one amount (see `parse_total`), at most the platform's largest amount."""
    amount = parse_total(value)
    if amount > MAX_AMOUNT:
        raise InvalidAmount(
            f"{format_baht(amount)} is more than the largest amount the platform takes, "
            f"{format_baht(MAX_AMOUNT)} baht"
        )
    return amount


def parse_signed_baht(value: Any) -> Decimal:
    """Like `parse_total`, for figures that can fall below zero (a cash variance, a payout
    after refunds of an earlier period): "-12.50"."""
    text = _text_of(value, "-12.50")
    if not _SIGNED_AMOUNT.match(text):
        raise InvalidAmount(
            f'"{value}" is not an amount in baht: use digits with at most 2 decimals, an '
            'optional minus sign and nothing around them, e.g. "-12.50"'
        )
    return Decimal(text).quantize(Decimal("0.01")) + Decimal("0.00")


def to_satang(baht: Decimal) -> int:
    satang = baht * 100
    if satang != satang.to_integral_value():
        raise InvalidAmount(f"{baht} has more than 2 decimals")
    return int(satang)


def from_satang(satang: int) -> Decimal:
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def format_baht(baht: Decimal) -> str:
    return format(baht.quantize(Decimal("0.01")), "f")


Baht = Annotated[
    Decimal,
    BeforeValidator(parse_baht),
    PlainSerializer(format_baht, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": AMOUNT_PATTERN,
            "maxLength": 11,
            "description": "THB, at most 2 decimals, at most 10000000.00",
            "examples": ["1250.50"],
        }
    ),
]
"""One amount in THB on the wire: a decimal string with at most 2 decimals, at most
`shared.limits.MAX_AMOUNT`."""

BahtTotal = Annotated[
    Decimal,
    BeforeValidator(parse_total),
    PlainSerializer(format_baht, return_type=str),
    WithJsonSchema({"type": "string", "pattern": TOTAL_PATTERN, "examples": ["125000.50"]}),
]
"""A sum of amounts in THB: a decimal string with at most 2 decimals."""

SignedBaht = Annotated[
    Decimal,
    BeforeValidator(parse_signed_baht),
    PlainSerializer(format_baht, return_type=str),
    WithJsonSchema({"type": "string", "pattern": SIGNED_TOTAL_PATTERN, "examples": ["-12.50"]}),
]
"""A THB figure that may be negative: a decimal string with at most 2 decimals."""
