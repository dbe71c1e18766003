"""In-memory stand-ins for the shop's stock: shelves a test puts, or else every product on
sale approved with plenty on hand."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.stock import Shelf, StockLine

PLENTY = 1_000_000


def shelves_for(
    put: dict[uuid.UUID, Shelf], products: Iterable[CatalogueProduct]
) -> dict[uuid.UUID, Shelf]:
    shelves: dict[uuid.UUID, Shelf] = {}
    for product in products:
        shelf = put.get(product.product_id)
        if shelf is None:
            shelf = Shelf(product.product_id, product.producer_id, product.listed, PLENTY)
        shelves[product.product_id] = copy.deepcopy(shelf)
    return shelves


def take(put: dict[uuid.UUID, Shelf], stock: Iterable[tuple[uuid.UUID, uuid.UUID, int]]) -> None:
    for product_id, _, quantity in stock:
        if product_id in put:
            put[product_id].on_hand -= quantity


class FakeStock:
    def __init__(self, shelves: dict[uuid.UUID, Shelf]) -> None:
        self._shelves = shelves
        self.put_back_calls: list[tuple[Any, ...]] = []

    async def put_back(
        self,
        sale_id: uuid.UUID,
        refund_id: uuid.UUID | None,
        lines: Sequence[StockLine],
        at: datetime,
        *,
        kind: str = "refund",
    ) -> int:
        for line in lines:
            if line.product_id in self._shelves:
                self._shelves[line.product_id].on_hand += line.quantity
        return sum(line.quantity for line in lines)


class FakeShop:
    """No assortment decisions and no stock on hand, unless a test puts shelves."""

    def __init__(self, shelves: dict[uuid.UUID, Shelf]) -> None:
        self._shelves = shelves

    async def item(self, product_id: uuid.UUID, *, for_update: bool = False) -> Any:
        return None

    async def on_hand(self, product_id: uuid.UUID) -> int:
        shelf = self._shelves.get(product_id)
        return shelf.on_hand if shelf else 0
