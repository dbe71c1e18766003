"""Pricing a sale against the catalogue: listed price only, discount shares, payments."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.sales.domain.errors import (
    PaymentMismatch,
    PriceMismatch,
    SaleInTheFuture,
    SaleRejected,
    UnknownProduct,
)
from services.sales.domain.pricing import (
    MAX_SALE,
    CatalogueProduct,
    RequestedLine,
    Tender,
    check_sale_time,
    price_sale,
)
from shared.contracts.sales import PaymentMethod

CASH, CARD, PROMPTPAY = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.PROMPTPAY
PRODUCER_A, PRODUCER_B = uuid.uuid4(), uuid.uuid4()
CATALOGUE = {
    "FISH": CatalogueProduct(uuid.uuid4(), PRODUCER_A, "FISH", 8550, True),
    "SILK": CatalogueProduct(uuid.uuid4(), PRODUCER_B, "SILK", 125000, True),
    "GONE": CatalogueProduct(uuid.uuid4(), PRODUCER_B, "GONE", 1000, False),
}


def test_a_sale_is_priced_per_line_and_attributed_to_each_producer():
    sale = price_sale(
        [RequestedLine("FISH", 2, 8550), RequestedLine("SILK", 1, 125000)],
        [Tender(CASH, 150000)],
        1000,
        CATALOGUE,
    )
    assert sale.subtotal == 2 * 8550 + 125000
    assert sale.total == sale.subtotal - 1000
    assert [line.producer_id for line in sale.lines] == [PRODUCER_A, PRODUCER_B]
    assert sum(line.discount for line in sale.lines) == 1000
    assert sum(line.net for line in sale.lines) == sale.total
    assert sale.change_given == 150000 - sale.total


def test_a_price_other_than_the_listed_one_is_refused_with_the_listed_price():
    with pytest.raises(PriceMismatch) as refused:
        price_sale([RequestedLine("FISH", 1, 8000)], [Tender(CASH, 8000)], 0, CATALOGUE)
    assert "85.50" in refused.value.detail
    assert refused.value.extra["listed_price"] == "85.50"


def test_unknown_and_delisted_products_cannot_be_sold():
    with pytest.raises(UnknownProduct, match="not a product"):
        price_sale([RequestedLine("NOPE", 1, 100)], [Tender(CASH, 100)], 0, CATALOGUE)
    with pytest.raises(UnknownProduct, match="delisted"):
        price_sale([RequestedLine("GONE", 1, 1000)], [Tender(CASH, 1000)], 0, CATALOGUE)


def test_payments_must_cover_the_total():
    with pytest.raises(PaymentMismatch, match="do not cover"):
        price_sale([RequestedLine("FISH", 2, 8550)], [Tender(CARD, 17000)], 0, CATALOGUE)


def test_only_cash_may_pay_more_than_the_total():
    with pytest.raises(PaymentMismatch, match="only cash"):
        price_sale([RequestedLine("FISH", 1, 8550)], [Tender(PROMPTPAY, 9000)], 0, CATALOGUE)
    mixed = price_sale(
        [RequestedLine("FISH", 1, 8550)], [Tender(CARD, 5000), Tender(CASH, 4000)], 0, CATALOGUE
    )
    assert mixed.change_given == 450


def test_a_discount_larger_than_the_subtotal_is_refused():
    with pytest.raises(SaleRejected, match="more than the subtotal"):
        price_sale([RequestedLine("FISH", 1, 8550)], [Tender(CASH, 8550)], 9000, CATALOGUE)


def test_zero_quantity_is_refused():
    with pytest.raises(SaleRejected, match="quantity"):
        price_sale([RequestedLine("FISH", 0, 8550)], [Tender(CASH, 8550)], 0, CATALOGUE)


@given(
    st.lists(
        st.tuples(st.sampled_from(["FISH", "SILK"]), st.integers(min_value=1, max_value=40)),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_line_nets_always_sum_to_the_sale_total(lines, data):
    requested = [RequestedLine(sku, q, CATALOGUE[sku].price) for sku, q in lines]
    subtotal = sum(r.quantity * r.unit_price for r in requested)
    discount = data.draw(st.integers(min_value=0, max_value=subtotal))
    sale = price_sale(requested, [Tender(CASH, subtotal - discount or 1)], discount, CATALOGUE)
    assert sum(line.net for line in sale.lines) == sale.total == subtotal - discount
    assert all(0 <= line.discount <= line.line_total for line in sale.lines)


def test_a_sale_in_the_future_beyond_the_clock_skew_is_refused():
    now = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    check_sale_time(now + timedelta(minutes=4), now, timedelta(minutes=5))
    with pytest.raises(SaleInTheFuture):
        check_sale_time(now + timedelta(minutes=6), now, timedelta(minutes=5))


def test_cash_tendered_beyond_the_largest_sale_is_refused():
    with pytest.raises(PaymentMismatch, match="more than one sale can take"):
        price_sale([RequestedLine("FISH", 1, 8550)], [Tender(CASH, MAX_SALE + 1)], 0, CATALOGUE)
    sale = price_sale([RequestedLine("FISH", 1, 8550)], [Tender(CASH, MAX_SALE)], 0, CATALOGUE)
    assert sale.change_given == MAX_SALE - 8550
