"""Consignment notes (a producer's delivery in, stock back to the producer) and stock counts:
what each must say and what it changes of the lots."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from services.sales.domain.stock import Lot, StockInputInvalid, StockRefused

# Food and beverages carry a best-before date on every lot.
DATED_CATEGORIES = frozenset({"food", "beverages"})
# A lot this close to its best-before date is told to its producer (once).
EXPIRY_NOTICE_DAYS = 30
BE_OFFSET = 543


def note_number(kind: str, at: datetime, sequence: int) -> str:
    """`CN-2569-000001` for an intake, `RN-…` for a return: Buddhist-era year, per kind."""
    prefix = "CN" if kind == "intake" else "RN"
    return f"{prefix}-{at.year + BE_OFFSET}-{sequence:06d}"


@dataclass(frozen=True)
class IntakeLine:
    product_id: uuid.UUID
    quantity: int
    lot_code: str
    best_before: date | None


@dataclass(frozen=True)
class ShopProduct:
    """A product as the shop knows it: whose, what it is called, where it stands."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    sku: str
    name_th: str | None
    name_en: str | None
    category: str | None
    listed: bool
    state: str | None  # the assortment state; None when never proposed

    @property
    def label(self) -> str:
        return self.name_th or self.name_en or self.sku


def check_intake(
    producer_id: uuid.UUID,
    lines: list[IntakeLine],
    products: dict[uuid.UUID, ShopProduct],
    known_lots: dict[tuple[uuid.UUID, str], Lot],
) -> None:
    """Only approved products of that producer come in; food and beverages with a
    best-before date; a lot already known keeps its date (one known without a date takes
    the date it comes with)."""
    for n, line in enumerate(lines, 1):
        product = products.get(line.product_id)
        if product is None or product.producer_id != producer_id:
            raise StockInputInvalid(
                f"บรรทัด {n}: ไม่ใช่สินค้าของผู้ผลิตรายนี้ / line {n}: product "
                f"{line.product_id} is not this producer's"
            )
        if product.state != "approved" or not product.listed:
            raise StockRefused(
                f"บรรทัด {n}: {product.label} ยังไม่ได้รับอนุมัติให้ขายที่ร้าน / line {n}: "
                f"{product.label} is not approved for the shop",
                product_id=str(product.product_id),
            )
        if product.category in DATED_CATEGORIES and line.best_before is None:
            raise StockInputInvalid(
                f"บรรทัด {n}: {product.label} ต้องระบุวันหมดอายุ (ควรบริโภคก่อน) / line {n}: "
                "food and beverages need a best-before date"
            )
        lot = known_lots.get((line.product_id, line.lot_code))
        if (
            lot is not None
            and lot.best_before is not None
            and line.best_before
            not in (
                None,
                lot.best_before,
            )
        ):
            raise StockInputInvalid(
                f"บรรทัด {n}: ล็อต {line.lot_code} มีวันหมดอายุ {lot.best_before} อยู่แล้ว / "
                f"line {n}: lot {line.lot_code} already has best-before {lot.best_before}"
            )


@dataclass(frozen=True)
class Taking:
    lot: Lot
    quantity: int


def take_back(label: str, lots: list[Lot], quantity: int, lot_code: str | None) -> list[Taking]:
    """The lots a return takes its units from: the lot named, or else the earliest expiry
    first; never more than they hold (409)."""
    if lot_code is not None:
        chosen = [lot for lot in lots if lot.lot_code == lot_code]
        if not chosen:
            raise StockInputInvalid(f"{label}: ไม่มีล็อต {lot_code} / there is no lot {lot_code}")
    else:
        chosen = sorted(lots, key=Lot.fefo_key)
    held = sum(max(lot.on_hand, 0) for lot in chosen)
    if held < quantity:
        raise StockRefused(
            f"{label}: มีอยู่ {held} คืนได้ไม่เกินนั้น / only {held} on hand to return",
            on_hand=held,
        )
    takings: list[Taking] = []
    left = quantity
    for lot in chosen:
        taken = min(max(lot.on_hand, 0), left)
        if taken:
            lot.on_hand -= taken
            takings.append(Taking(lot, taken))
            left -= taken
    return takings


def days_left(best_before: date, today: date) -> int:
    return (best_before - today).days


def expiring(best_before: date | None, today: date) -> bool:
    return best_before is not None and days_left(best_before, today) <= EXPIRY_NOTICE_DAYS
