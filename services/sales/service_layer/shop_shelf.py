"""A shop till's sale and the shop's stock: checked against the locked shelves and taken from
them as the sale is recorded (booth sales take no stock)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.sales.domain.events import SaleRecorded
from services.sales.domain.stock import Shelf, check_shop_sale, newly_low, take_for_sale
from shared.contracts.consignment import StockLow

Taken = tuple[tuple[uuid.UUID, uuid.UUID, int], ...]


@dataclass
class ShopShelves:
    """The shelves a request's sales find, changed sale by sale, and what they flag."""

    shelves: dict[uuid.UUID, Shelf]
    names: dict[uuid.UUID, tuple[str | None, str | None]]
    needs_count: set[uuid.UUID] = field(default_factory=set)
    touched: set[uuid.UUID] = field(default_factory=set)

    def take(self, event: SaleRecorded, *, backlog: bool, now: datetime, skew: timedelta) -> Taken:
        """Check the sale (a live one refused 409 when the shop does not sell a product or
        has too few available) and take its units; a sale made longer than the skew ago is a
        backlog sale, accepted whatever the stock."""
        late = backlog or event.occurred_at < now - skew
        wanted: dict[uuid.UUID, int] = {}
        producers: dict[uuid.UUID, uuid.UUID] = {}
        for line in event.priced.lines:
            wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity
            producers[line.product_id] = line.producer_id
        # Names of this sale's products only: a batch's context holds every product of it.
        thai = {p: self._thai_name(p) for p in wanted}
        check_shop_sale(wanted, self.shelves, thai, backlog=late)
        _, flagged = take_for_sale(wanted, producers, self.shelves, backlog=late)
        self.needs_count |= flagged
        self.touched |= set(wanted)
        return tuple((p, producers[p], q) for p, q in wanted.items())

    def _thai_name(self, product_id: uuid.UUID) -> str:
        th, en = self.names.get(product_id, (None, None))
        return th or en or ""

    def low_alerts(self, now: datetime) -> list[StockLow]:
        """The products the sales left at or below their threshold, told once."""
        alerts = []
        for product_id in sorted(self.touched):
            shelf = self.shelves[product_id]
            if newly_low(shelf):
                th, en = self.names.get(product_id, (None, None))
                alerts.append(
                    StockLow(
                        producer_id=shelf.producer_id,
                        product_id=product_id,
                        name_th=th,
                        name_en=en,
                        available=shelf.available,
                        threshold=shelf.low_stock_at,
                        at=now,
                    )
                )
        return alerts
