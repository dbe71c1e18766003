"""A revenue report as a table: the sales API's rows with names, exact amounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from services.web.console.shop.formatting import amount

GROUPINGS: dict[str, tuple[str, str]] = {
    "producer": ("ผู้ผลิต", "Producer"),
    "product": ("สินค้า", "Product"),
    "event": ("งาน", "Event"),
    "day": ("วัน", "Day"),
}
SHOP_ITSELF = "หน้าร้าน / The shop"


@dataclass(frozen=True)
class RevenueLine:
    key: str | None
    label: str
    sale_count: int
    quantity_sold: int
    quantity_refunded: int
    gross_sales: Decimal
    refunds: Decimal
    net_sales: Decimal


@dataclass(frozen=True)
class RevenueTable:
    by: str
    period_start: date
    period_end: date
    lines: tuple[RevenueLine, ...]
    total_gross_sales: Decimal
    total_refunds: Decimal
    total_net_sales: Decimal

    @property
    def heading(self) -> tuple[str, str]:
        return GROUPINGS[self.by]

    @property
    def slug(self) -> str:
        return f"revenue-by-{self.by}-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}"


def revenue_table(
    report: dict[str, Any], names: dict[str, str], day_label: Any = None
) -> RevenueTable:
    """The table from `GET /v1/reports/revenue`; `names` maps keys to what people read
    (an event's empty key is the shop itself), `day_label` formats a day's key."""
    by = str(report["by"])
    lines = []
    for row in report["rows"]:
        key = row.get("key")
        if by == "event" and not key:
            label = SHOP_ITSELF
        elif by == "day" and key and day_label is not None:
            label = day_label(date.fromisoformat(key))
        else:
            label = names.get(str(key), "") or str(row.get("sku") or key or "—")
        lines.append(
            RevenueLine(
                key=key,
                label=label,
                sale_count=int(row["sale_count"]),
                quantity_sold=int(row["quantity_sold"]),
                quantity_refunded=int(row["quantity_refunded"]),
                gross_sales=amount(row["gross_sales"]),
                refunds=amount(row["refunds"]),
                net_sales=amount(row["net_sales"]),
            )
        )
    return RevenueTable(
        by=by,
        period_start=date.fromisoformat(str(report["period_start"])),
        period_end=date.fromisoformat(str(report["period_end"])),
        lines=tuple(lines),
        total_gross_sales=amount(report["total_gross_sales"]),
        total_refunds=amount(report["total_refunds"]),
        total_net_sales=amount(report["total_net_sales"]),
    )
