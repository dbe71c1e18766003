"""Baht amounts are exact: decimal strings in, Decimal and whole satang inside."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared.money import InvalidAmount, format_baht, from_satang, parse_baht, to_satang


@pytest.mark.parametrize("value", [19.99, 1250.5, 0.1, 85.0])
def test_a_float_is_never_an_amount(value: float) -> None:
    with pytest.raises(InvalidAmount, match="decimal strings"):
        parse_baht(value)


@pytest.mark.parametrize("value", [85, True, None, ["85.00"]])
def test_other_non_strings_are_not_amounts(value: object) -> None:
    with pytest.raises(InvalidAmount):
        parse_baht(value)


@pytest.mark.parametrize(
    "text", ["1.005", "19.999", "-1", "-0.50", "abc", "", "1,250.50", "01.50", "1e3", "NaN"]
)
def test_text_that_is_not_baht_with_at_most_two_decimals_is_refused(text: str) -> None:
    with pytest.raises(InvalidAmount, match="not an amount"):
        parse_baht(text)


def test_a_decimal_with_more_than_two_places_is_refused() -> None:
    with pytest.raises(InvalidAmount):
        parse_baht(Decimal("1.005"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1250.50", "1250.50"), ("1250.5", "1250.50"), ("85", "85.00"), ("0.01", "0.01")],
)
def test_decimal_strings_parse_to_exact_decimals(text: str, expected: str) -> None:
    amount = parse_baht(text)
    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)
    assert str(amount) == expected


def test_satang_conversion_is_exact_both_ways() -> None:
    assert to_satang(Decimal("1250.50")) == 125050
    assert to_satang(Decimal("0.01")) == 1
    assert to_satang(Decimal("9999999999999.99")) == 999999999999999
    assert from_satang(125050) == Decimal("1250.50")
    assert format_baht(from_satang(8550)) == "85.50"
    total = sum((parse_baht("0.10") for _ in range(10)), Decimal(0))
    assert to_satang(total) == 100


def test_a_fraction_of_a_satang_cannot_become_satang() -> None:
    with pytest.raises(InvalidAmount, match="2 decimals"):
        to_satang(Decimal("1.005"))


@pytest.mark.parametrize("text", ["1๕.๐๐", "0.๕๐", "๑๐๐", "12.5๐"])
def test_amounts_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(InvalidAmount):
        parse_baht(text)
