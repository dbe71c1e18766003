"""Pricing a sale: products from the catalogue, the discount shared across lines, payments."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.sales.domain.allocation import largest_remainder
from services.sales.domain.errors import (
    PaymentMismatch,
    PriceMismatch,
    SaleInTheFuture,
    SaleRejected,
    UnknownProduct,
)
from shared.contracts.sales import PaymentMethod
from shared.limits import MAX_AMOUNT_SATANG
from shared.money import format_baht, from_satang

# satang: ten million baht, far beyond any sale at a shop or booth. The bound keeps every sum
# a period's statements and summaries carry well inside the 13 digits an amount may have.
MAX_SALE = MAX_AMOUNT_SATANG  # one sale is at most the platform's largest amount


@dataclass(frozen=True)
class CatalogueProduct:
    product_id: uuid.UUID
    producer_id: uuid.UUID
    sku: str
    price: int  # satang
    listed: bool


@dataclass(frozen=True)
class RequestedLine:
    sku: str
    quantity: int
    unit_price: int  # satang


@dataclass(frozen=True)
class Tender:
    method: PaymentMethod
    amount: int  # satang


@dataclass(frozen=True)
class PricedLine:
    line_no: int
    product_id: uuid.UUID
    sku: str
    producer_id: uuid.UUID
    quantity: int
    unit_price: int
    line_total: int
    discount: int
    net: int


@dataclass(frozen=True)
class PricedSale:
    lines: tuple[PricedLine, ...]
    subtotal: int
    discount: int
    total: int
    payments: tuple[Tender, ...]
    change_given: int

    @property
    def producers(self) -> set[uuid.UUID]:
        return {line.producer_id for line in self.lines}


def _baht(satang: int) -> str:
    return format_baht(from_satang(satang))


def check_sale_time(occurred_at: datetime, now: datetime, skew: timedelta) -> None:
    if occurred_at.tzinfo is None:
        raise SaleRejected("occurred_at needs a timezone, e.g. 2026-11-21T10:15:00+07:00")
    if occurred_at > now + skew:
        raise SaleInTheFuture(
            f"occurred_at {occurred_at.isoformat()} is in the future (this service's clock: "
            f"{now.isoformat()}; {int(skew.total_seconds())} s of clock difference allowed)"
        )


def price_sale(
    lines: Sequence[RequestedLine],
    payments: Sequence[Tender],
    discount: int,
    catalogue: Mapping[str, CatalogueProduct],
) -> PricedSale:
    """Check every line against the listed product and price, share the discount across the
    lines in proportion to their totals (largest remainder, exact to the satang) and check
    that the payments cover the total. Only cash may pay more than is due (change)."""
    if not lines:
        raise SaleRejected("a sale has at least one line")
    if not payments:
        raise PaymentMismatch("a sale has at least one payment")
    matched: list[tuple[RequestedLine, CatalogueProduct]] = []
    for number, line in enumerate(lines, start=1):
        if line.quantity < 1:
            raise SaleRejected(f"line {number}: quantity must be at least 1")
        product = catalogue.get(line.sku)
        if product is None:
            raise UnknownProduct(f"line {number}: SKU {line.sku!r} is not a product of the network")
        if not product.listed:
            raise UnknownProduct(f"line {number}: SKU {line.sku!r} is delisted and cannot be sold")
        if line.unit_price != product.price:
            raise PriceMismatch(
                f"line {number}: unit_price {_baht(line.unit_price)} differs from the listed "
                f"price {_baht(product.price)} of SKU {line.sku!r}; sales are recorded at the "
                "listed price only",
                listed_price=_baht(product.price),
                sku=line.sku,
            )
        matched.append((line, product))
    totals = [line.quantity * line.unit_price for line, _ in matched]
    subtotal = sum(totals)
    if subtotal > MAX_SALE:
        raise SaleRejected(f"a sale of {_baht(subtotal)} is more than one sale can be")
    if discount < 0:
        raise SaleRejected("discount cannot be negative")
    if discount > subtotal:
        raise SaleRejected(
            f"discount {_baht(discount)} is more than the subtotal {_baht(subtotal)}"
        )
    shares = largest_remainder(discount, totals)
    priced = tuple(
        PricedLine(
            line_no=number,
            product_id=product.product_id,
            sku=product.sku,
            producer_id=product.producer_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            line_total=line_total,
            discount=share,
            net=line_total - share,
        )
        for number, ((line, product), line_total, share) in enumerate(
            zip(matched, totals, shares, strict=True), start=1
        )
    )
    total = subtotal - discount
    paid = sum(p.amount for p in payments)
    if any(p.amount <= 0 for p in payments):
        raise PaymentMismatch("every payment amount must be more than 0")
    if paid > MAX_SALE:
        raise PaymentMismatch(f"payments of {_baht(paid)} are more than one sale can take")
    non_cash = sum(p.amount for p in payments if p.method is not PaymentMethod.CASH)
    if paid < total:
        raise PaymentMismatch(
            f"payments of {_baht(paid)} do not cover the total {_baht(total)}",
            total=_baht(total),
            paid=_baht(paid),
        )
    if non_cash > total:
        raise PaymentMismatch(
            f"PromptPay and card payments of {_baht(non_cash)} are more than the total "
            f"{_baht(total)}; only cash can be paid over the total (change is given in cash)",
            total=_baht(total),
        )
    return PricedSale(
        lines=priced,
        subtotal=subtotal,
        discount=discount,
        total=total,
        payments=tuple(payments),
        change_given=paid - total,
    )
