"""The producer's consignment stock beside the payout on the statement: per product the units
held when the period began, delivered, sold (at the till and online), refunded by customers,
returned to the producer, adjusted by counts and on hand when it ended, beside what the
product sold for, its share of the commission and of the payout; and the period's totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

CENT = Decimal("0.01")
UNITS = ("opening", "delivered", "sold", "refunded", "returned", "adjusted", "on_hand")


@dataclass(frozen=True)
class StockRow:
    """One product's stock over the period (units) and its money (baht)."""

    description: str
    opening: int
    delivered: int
    sold: int
    refunded: int  # put back by customers' refunds and voids
    returned: int  # given back to the producer
    adjusted: int  # counts' adjustments (±)
    on_hand: int  # when the period ended
    sales: Decimal  # net sales (less refunds)
    commission: Decimal
    payout: Decimal

    def adds_up(self) -> bool:
        """On hand = opening + delivered − sold + refunded − returned ± adjusted, and the
        payout is the sales less the commission."""
        came = self.opening + self.delivered + self.refunded + self.adjusted
        moved = came - self.sold - self.returned
        return self.on_hand == moved and self.payout == self.sales - self.commission


def total_of(rows: tuple[StockRow, ...], description: str) -> StockRow:
    """The rows summed (units and baht)."""
    units = {name: sum(getattr(r, name) for r in rows) for name in UNITS}
    money = {
        name: sum((getattr(r, name) for r in rows), Decimal("0.00"))
        for name in ("sales", "commission", "payout")
    }
    return StockRow(description, **units, **money)


def share_commission(sales: list[Decimal], percent: Decimal, total: Decimal) -> list[Decimal]:
    """The settlement's commission shared over the products by their sales, to the satang,
    adding up to exactly `total` (each share rounded down, the satang left over going to the
    largest remainders)."""
    if not sales:
        return []
    raw = [s * percent / 100 for s in sales]
    shares = [r.quantize(CENT, rounding=ROUND_FLOOR) for r in raw]
    left = int((total - sum(shares, Decimal("0.00"))) / CENT)
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    step = CENT if left >= 0 else -CENT
    for n in range(abs(left)):
        i = by_remainder[n % len(by_remainder)] if left >= 0 else by_remainder[-1 - n % len(raw)]
        shares[i] += step
    return shares


def stock_products(detail: dict[str, Any]) -> list[dict[str, Any]]:
    stock = detail.get("stock") or {}
    return list(stock.get("products") or ())


def stock_rows(
    detail: dict[str, Any],
    money: dict[str, tuple[str, Decimal]],
    names: dict[str, str],
    percent: Decimal,
    commission: Decimal,
) -> tuple[StockRow, ...]:
    """One row per product that sold or held stock in the period: the products that sold
    first (in the statement's order, `money` maps each to its label and net sales), then
    those that only held stock. Empty when the answer carries no stock position."""
    if "stock" not in detail or detail["stock"] is None:
        return ()
    units = {str(p["product_id"]): p for p in stock_products(detail)}
    keys = [*money, *(k for k in units if k not in money)]
    sales = [money[k][1] if k in money else Decimal("0.00") for k in keys]
    shares = share_commission(sales, percent, commission) if money else [CENT * 0] * len(keys)
    rows = []
    for key, sold_for, share in zip(keys, sales, shares, strict=True):
        held = units.get(key, {})
        label = names.get(key) or held.get("name_th") or (money[key][0] if key in money else None)
        label = label or held.get("sku") or key
        rows.append(
            StockRow(
                label,
                **{name: int(held.get(name, 0)) for name in UNITS},
                sales=sold_for,
                commission=share,
                payout=sold_for - share,
            )
        )
    return tuple(rows)
