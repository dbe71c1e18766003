"""A producer's consignment statement: the settlement's figures, exact, as printed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from services.web.console.shop.formatting import amount
from services.web.console.shop.statement_stock import (
    StockRow,
    stock_products,
    stock_rows,
    total_of,
)

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class StatementLine:
    """One row of the statement: a product (or a day) with what it sold and gave back."""

    description: str
    quantity: int
    gross: Decimal
    refunds: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.refunds


@dataclass(frozen=True)
class Statement:
    shop_name: str
    settlement_id: uuid.UUID
    producer_id: uuid.UUID
    producer_name: str
    period_start: date
    period_end: date
    issued_at: datetime
    sale_count: int
    gross_sales: Decimal
    refunds: Decimal
    net_sales: Decimal
    commission_percent: Decimal
    commission: Decimal
    net_payout: Decimal
    corrects: uuid.UUID | None = None
    lines: tuple[StatementLine, ...] = ()
    # The producer's consignment stock over the period beside the payout, per product.
    stock: tuple[StockRow, ...] = ()

    @property
    def stock_total(self) -> StockRow:
        return total_of(self.stock, "รวมทั้งงวด / Period totals")

    def discrepancies(self) -> list[str]:
        """Where the figures do not add up (empty: the statement is consistent)."""
        found = []
        if self.gross_sales - self.refunds != self.net_sales:
            found.append("net sales ≠ gross sales − refunds")
        if self.net_sales - self.commission != self.net_payout:
            found.append("net payout ≠ net sales − commission")
        if self.lines:
            if sum((line.gross for line in self.lines), Decimal("0.00")) != self.gross_sales:
                found.append("the lines' gross sales ≠ gross sales")
            if sum((line.refunds for line in self.lines), Decimal("0.00")) != self.refunds:
                found.append("the lines' refunds ≠ refunds")
        for row in self.stock:
            if not row.adds_up():
                found.append(f"{row.description}: the stock or payout does not add up")
        if self.stock and self.lines:
            total = self.stock_total
            if (total.sales, total.commission, total.payout) != (
                self.net_sales,
                self.commission,
                self.net_payout,
            ):
                found.append("the stock table's sales, commission or payout ≠ the settlement's")
        return found

    @property
    def filename(self) -> str:
        """statement-20261101-20261130-1a2b3c4d.pdf: the period and the settlement."""
        return (
            f"statement-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}-"
            f"{self.settlement_id.hex[:8]}.pdf"
        )


def _sold(detail: dict[str, Any]) -> list[dict[str, Any]]:
    return list(detail.get("sale_lines") or ())


def _refunded(detail: dict[str, Any]) -> list[dict[str, Any]]:
    return list(detail.get("refund_lines") or ())


def lines_by_product(detail: dict[str, Any], names: dict[str, str]) -> dict[str, StatementLine]:
    """One line per product: units sold, what its sale lines earned (net of discounts) and
    what its refund lines gave back, in the order the products first sold."""
    order: list[str] = []
    labels: dict[str, str] = {}
    quantity: dict[str, int] = {}
    gross: dict[str, Decimal] = {}
    refunds: dict[str, Decimal] = {}

    def _key(raw: dict[str, Any]) -> str:
        key = str(raw.get("product_id") or raw.get("sku") or "")
        if key not in labels:
            order.append(key)
            labels[key] = names.get(key) or str(raw.get("sku") or key)
            quantity[key], gross[key], refunds[key] = 0, Decimal("0.00"), Decimal("0.00")
        return key

    for raw in _sold(detail):
        key = _key(raw)
        quantity[key] += int(raw.get("quantity", 0))
        gross[key] += amount(raw["net_amount"])
    for raw in _refunded(detail):
        key = _key(raw)
        refunds[key] += amount(raw["amount"])
    return {k: StatementLine(labels[k], quantity[k], gross[k], refunds[k]) for k in order}


def product_ids(detail: dict[str, Any]) -> set[str]:
    return {
        str(raw["product_id"])
        for raw in (*_sold(detail), *_refunded(detail), *stock_products(detail))
        if raw.get("product_id")
    }


def statement_of(
    detail: dict[str, Any],
    *,
    shop_name: str,
    producer_name: str,
    names: dict[str, str] | None = None,
) -> Statement:
    """The statement from the sales API's `GET /v1/settlements/{id}` answer (the settlement
    and its sale and refund lines) or a bare settlement; decimal strings kept exact."""
    settlement = detail.get("settlement") or detail
    lines = lines_by_product(detail, names or {})
    percent = Decimal(str(settlement["commission_percent"]))
    commission = amount(settlement["commission"])
    money = {key: (line.description, line.net) for key, line in lines.items()}
    return Statement(
        shop_name=shop_name,
        settlement_id=uuid.UUID(str(settlement["settlement_id"])),
        producer_id=uuid.UUID(str(settlement["producer_id"])),
        producer_name=producer_name,
        period_start=date.fromisoformat(str(settlement["period_start"])),
        period_end=date.fromisoformat(str(settlement["period_end"])),
        issued_at=datetime.fromisoformat(str(settlement["issued_at"])),
        sale_count=int(settlement["sale_count"]),
        gross_sales=amount(settlement["gross_sales"]),
        refunds=amount(settlement["refunds"]),
        net_sales=amount(settlement["net_sales"]),
        commission_percent=percent,
        commission=commission,
        net_payout=amount(settlement["net_payout"]),
        corrects=uuid.UUID(str(settlement["corrects"])) if settlement.get("corrects") else None,
        lines=tuple(lines.values()),
        stock=stock_rows(detail, money, names or {}, percent, commission),
    )
