"""One amount type and one largest amount for every service; nothing around the digits."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from shared.limits import AMOUNT_PATTERN, MAX_AMOUNT, SKU_MAX, SKU_PATTERN
from shared.money import Baht, BahtTotal, InvalidAmount, SignedBaht, parse_baht, parse_total

AMOUNT = TypeAdapter(Baht)
TOTAL = TypeAdapter(BahtTotal)
SIGNED = TypeAdapter(SignedBaht)


@pytest.mark.parametrize("text", [" 12.00", "12.00 ", "\t12.00", "12.00\n", " 12.00 "])
@pytest.mark.parametrize("adapter", [AMOUNT, TOTAL], ids=["amount", "total"])
def test_space_around_an_amount_is_refused(adapter: TypeAdapter[Decimal], text: str) -> None:
    with pytest.raises(ValidationError, match="nothing around them"):
        adapter.validate_python(text)


@pytest.mark.parametrize("text", [" -12.50", "-12.50 ", " 3.00"])
def test_space_around_a_signed_figure_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="nothing around them"):
        SIGNED.validate_python(text)


def test_the_largest_amount_is_ten_million_baht_and_not_a_satang_more() -> None:
    assert Decimal("10000000.00") == MAX_AMOUNT
    assert parse_baht("10000000.00") == MAX_AMOUNT
    assert parse_baht("10000000") == MAX_AMOUNT
    with pytest.raises(InvalidAmount, match="largest amount"):
        parse_baht("10000000.01")
    with pytest.raises(InvalidAmount, match="largest amount"):
        parse_baht("9924805588902.14")


def test_a_sum_of_amounts_can_pass_the_largest_amount() -> None:
    assert TOTAL.validate_python(Decimal("125000000.50")) == Decimal("125000000.50")
    assert SIGNED.validate_python("-25000000.00") == Decimal("-25000000.00")


def test_the_documented_pattern_is_the_one_the_parser_applies() -> None:
    schema = AMOUNT.json_schema()
    assert schema["pattern"] == AMOUNT_PATTERN


amount_like = st.one_of(
    st.from_regex(r"\A[ 0-9.\-]{1,14}\Z"),
    st.decimals(min_value=0, max_value=MAX_AMOUNT * 2, places=2).map(lambda d: format(d, "f")),
    st.sampled_from(["10000000", "10000000.0", "10000000.00", "10000000.1", "9999999.99"]),
)


@given(amount_like)
def test_a_text_matches_the_pattern_exactly_when_the_amount_is_accepted(text: str) -> None:
    matches = re.fullmatch(AMOUNT_PATTERN, text) is not None
    try:
        parse_baht(text)
        accepted = True
    except InvalidAmount:
        accepted = False
    assert matches == accepted, text


def test_totals_take_every_amount() -> None:
    assert parse_total("10000000.00") == MAX_AMOUNT


@pytest.mark.parametrize(
    ("sku", "ok"),
    [("OTOP-90-0001", True), ("a" * SKU_MAX, True), ("a" * (SKU_MAX + 1), False), ("-x", False)],
)
def test_a_sku_is_at_most_the_shared_length(sku: str, ok: bool) -> None:
    assert (re.fullmatch(SKU_PATTERN, sku) is not None) is ok
