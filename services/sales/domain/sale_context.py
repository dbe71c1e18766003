"""What recording sales reads before it decides: all of it read at once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from services.sales.domain.booth_window import ShowcaseEvent
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.request_ledger import LedgerEntry
from services.sales.domain.shift_record import Shift
from services.sales.domain.stock import Shelf


@dataclass(frozen=True)
class SaleContext:
    """The terminal's open shift (held until the sales commit), the ledger entries of the
    sale ids already used, the products sold under the SKUs, the booth's showcase event, the
    terminal's sales holding the receipt numbers asked about and, at the shop, the shelves
    of the products (by product id) with the products' names."""

    shift: Shift | None
    ledger: dict[uuid.UUID, LedgerEntry] = field(default_factory=dict)
    catalogue: dict[str, CatalogueProduct] = field(default_factory=dict)
    showcase: ShowcaseEvent | None = None
    receipt_holders: dict[str, uuid.UUID] = field(default_factory=dict)
    # At the shop: each product's shelf (assortment and stock), its stock row held.
    shelves: dict[uuid.UUID, Shelf] = field(default_factory=dict)
    names: dict[uuid.UUID, tuple[str | None, str | None]] = field(default_factory=dict)
