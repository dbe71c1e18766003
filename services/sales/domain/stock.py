"""Consignment stock at the shop: units on hand per product and lot, what a sale takes from
them (first expiry first out) and whether a sale may take them at all.

"Available" is on hand less the units held for online orders. A live sale needs every line
available and the product approved for the shop; a backlog sale already happened, so it is
taken even below zero and the product is flagged for a count."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from shared.errors import Conflict, InvalidInput


class OutOfStock(Conflict):
    slug = "out-of-stock"
    title = "สินค้าไม่พอขาย / Not enough stock"


class NotInAssortment(Conflict):
    slug = "not-in-assortment"
    title = "สินค้าไม่อยู่ในรายการของร้าน / The product is not sold at the shop"


class StockRefused(Conflict):
    slug = "stock-refused"
    title = "สต็อกไม่พอสำหรับรายการนี้ / The stock does not allow this"


class StockInputInvalid(InvalidInput):
    slug = "stock-input-invalid"
    title = "ข้อมูลสต็อกไม่ถูกต้อง / The stock input is not valid"


@dataclass
class Lot:
    lot_id: uuid.UUID
    lot_code: str
    best_before: date | None
    received_at: datetime
    on_hand: int

    def fefo_key(self) -> tuple[bool, date, datetime, str]:
        """Earliest best-before first, lots without one last, then the earliest received."""
        return (
            self.best_before is None,
            self.best_before or date.max,
            self.received_at,
            str(self.lot_id),
        )


@dataclass
class Shelf:
    """One product's stock as a sale finds it (its row locked), and what the sale changes."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    sellable: bool  # approved for the shop and listed in the registry
    on_hand: int = 0
    reserved: int = 0
    needs_count: bool = False
    low_alerted: bool = False
    low_stock_at: int = 3
    lots: list[Lot] = field(default_factory=list)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def low(self) -> bool:
        return self.available <= self.low_stock_at


@dataclass(frozen=True)
class StockLine:
    """Units of one product moving together (a sale's, a refund's, an order's)."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    quantity: int


@dataclass(frozen=True)
class Move:
    """Units leaving (negative) or coming back (positive) to one lot, or to no lot when the
    product had none left (a backlog sale below zero)."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    lot_id: uuid.UUID | None
    quantity: int


def take_fefo(shelf: Shelf, quantity: int) -> list[Move]:
    """Take `quantity` units from the shelf's lots, earliest expiry first; what the lots do
    not hold is taken from no lot. The shelf and its lots are changed."""
    moves: list[Move] = []
    left = quantity
    for lot in sorted(shelf.lots, key=Lot.fefo_key):
        if left == 0:
            break
        taken = min(lot.on_hand, left)
        if taken <= 0:
            continue
        lot.on_hand -= taken
        left -= taken
        moves.append(Move(shelf.product_id, shelf.producer_id, lot.lot_id, -taken))
    if left:
        moves.append(Move(shelf.product_id, shelf.producer_id, None, -left))
    shelf.on_hand -= quantity
    return moves


def _name(names: dict[uuid.UUID, str], product_id: uuid.UUID) -> str:
    return names.get(product_id) or str(product_id)


def check_shop_sale(
    wanted: dict[uuid.UUID, int],
    shelves: dict[uuid.UUID, Shelf],
    names: dict[uuid.UUID, str],
    *,
    backlog: bool,
) -> None:
    """Refuse a live sale of a product the shop does not sell (409 not-in-assortment) or of
    more units than are available (409 out-of-stock); a backlog sale is never refused."""
    if backlog:
        return
    outside = [p for p in wanted if p not in shelves or not shelves[p].sellable]
    if outside:
        listed = ", ".join(_name(names, p) for p in outside)
        raise NotInAssortment(
            f"ร้านไม่ได้รับสินค้านี้ไว้ขาย: {listed} / not in the shop's assortment: {listed}",
            product_ids=[str(p) for p in outside],
        )
    short = [p for p, q in wanted.items() if shelves[p].available < q]
    if short:
        listed = ", ".join(
            f"{_name(names, p)} (เหลือ {max(shelves[p].available, 0)})" for p in short
        )
        raise OutOfStock(
            f"สินค้าไม่พอขาย: {listed} / not enough stock: {listed}",
            product_ids=[str(p) for p in short],
            available={str(p): max(shelves[p].available, 0) for p in short},
        )


def take_for_sale(
    wanted: dict[uuid.UUID, int],
    producers: dict[uuid.UUID, uuid.UUID],
    shelves: dict[uuid.UUID, Shelf],
    *,
    backlog: bool,
) -> tuple[list[Move], set[uuid.UUID]]:
    """The moves a checked sale makes and the products it flags for a count (a backlog sale
    taking more than was available, or of a product the shop does not sell). A product
    never stocked gets a shelf of its own here, at zero."""
    moves: list[Move] = []
    flagged: set[uuid.UUID] = set()
    for product_id, quantity in wanted.items():
        shelf = shelves.get(product_id)
        if shelf is None:
            shelf = shelves[product_id] = Shelf(product_id, producers[product_id], False)
        if backlog and (not shelf.sellable or shelf.available < quantity):
            flagged.add(product_id)
            shelf.needs_count = True
        moves.extend(take_fefo(shelf, quantity))
    return moves, flagged


def newly_low(shelf: Shelf) -> bool:
    """The shelf ran low and its producer was not told yet (told once until restocked)."""
    if shelf.low and not shelf.low_alerted and shelf.sellable:
        shelf.low_alerted = True
        return True
    return False


def expected_on_hand(intake: int, sold: int, refunded: int, returned: int, adjusted: int) -> int:
    """The stock equation: on hand = intake − sold + refunded − returned ± adjustments."""
    return intake - sold + refunded - returned + adjusted
