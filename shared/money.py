"""Thai baht with satang, kept as an exact whole number of satang. Never a float."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?\Z")


class InvalidAmount(ValueError):
    pass


def parse_baht(value: Any) -> Decimal:
    """Parse a decimal string such as "1250.50" into an exact Decimal of baht.

    JSON numbers are refused: a float cannot carry satang exactly, and "19.999999999" is
    not a price.
    """
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise InvalidAmount(
            'amounts are decimal strings in baht with at most 2 decimals, e.g. "1250.50"'
        )
    if not _AMOUNT.match(text):
        raise InvalidAmount(
            f'"{value}" is not an amount in baht: use digits with at most 2 decimals, '
            'e.g. "1250.50"'
        )
    return Decimal(text).quantize(Decimal("0.01"))


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
            "pattern": r"^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$",
            "examples": ["1250.50"],
        }
    ),
]
"""An amount in THB on the wire: a decimal string with at most 2 decimals."""

_SIGNED_AMOUNT = re.compile(r"^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?\Z")


def parse_signed_baht(value: Any) -> Decimal:
    """Like `parse_baht`, for figures that can fall below zero (a cash variance, a payout
    after refunds of an earlier period): "-12.50"."""
    text = format(value, "f") if isinstance(value, Decimal) else value
    if not isinstance(text, str) or not _SIGNED_AMOUNT.match(text.strip()):
        raise InvalidAmount(
            f'"{value}" is not an amount in baht: use digits with at most 2 decimals and an '
            'optional minus sign, e.g. "-12.50"'
        )
    return Decimal(text.strip()).quantize(Decimal("0.01")) + Decimal("0.00")


SignedBaht = Annotated[
    Decimal,
    BeforeValidator(parse_signed_baht),
    PlainSerializer(format_baht, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$",
            "examples": ["-12.50"],
        }
    ),
]
"""A THB figure that may be negative: a decimal string with at most 2 decimals."""
