"""In-memory stand-ins for the sales service's unit of work and repositories.

Each unit of work works on a copy of the committed state; `commit` makes the copy the new
committed state, leaving without commit throws the copy away."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from services.sales.adapters.contract_events import to_contract
from services.sales.domain.booth_window import ShowcaseEvent
from services.sales.domain.catalogue import EventChange, ProductChange
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.producers import ProducerNames
from services.sales.domain.records import NewRefund, NewSale, StoredLine, StoredSale
from services.sales.domain.request_ledger import LedgerEntry, RequestKind
from services.sales.domain.sale_context import SaleContext
from services.sales.domain.shift_record import Shift
from services.sales.domain.shifts import ShiftTakings
from services.sales.domain.stock import Shelf
from services.sales.domain.terminals import Terminal, TerminalKey
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.messaging.envelope import EventEnvelope
from shared.service.unit_of_work import AuditEntry
from tests.unit.sales.fake_producers import FakeProducers
from tests.unit.sales.fake_stock import FakeShop, FakeStock, shelves_for, take


@dataclass
class FakeState:
    products: dict[str, CatalogueProduct] = field(default_factory=dict)
    events: dict[uuid.UUID, tuple[str | None, str]] = field(default_factory=dict)
    showcases: dict[uuid.UUID, ShowcaseEvent] = field(default_factory=dict)
    terminals: dict[uuid.UUID, Terminal] = field(default_factory=dict)
    keys: dict[uuid.UUID, TerminalKey] = field(default_factory=dict)
    shifts: dict[uuid.UUID, Shift] = field(default_factory=dict)
    sales: dict[uuid.UUID, NewSale] = field(default_factory=dict)
    voided: set[uuid.UUID] = field(default_factory=set)
    lines: dict[tuple[uuid.UUID, int], StoredLine] = field(default_factory=dict)
    refunds: dict[uuid.UUID, NewRefund] = field(default_factory=dict)
    due: set[tuple[uuid.UUID, date]] = field(default_factory=set)
    # Unpaid sale lines for settlement runs: {producer_id, sale_id, line_no, net_satang}.
    unsettled: list[dict[str, Any]] = field(default_factory=list)
    settlements: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    code_numbers: int = 0
    producers: dict[uuid.UUID, ProducerNames] = field(default_factory=dict)
    # The shop's shelves a test put (else every product is approved with plenty on hand).
    shelves: dict[uuid.UUID, Shelf] = field(default_factory=dict)


class FakeCatalogue:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def keep_product(self, change: ProductChange) -> None:
        self._s.products[change.product.sku] = change.product

    async def keep_event(self, change: EventChange) -> None:
        known = self._s.events.get(change.event_id)
        self._s.events[change.event_id] = (
            change.kind or (known[0] if known else None),
            change.status,
        )

    async def by_sku(self, skus: Iterable[str]) -> dict[str, CatalogueProduct]:
        return {sku: self._s.products[sku] for sku in skus if sku in self._s.products}

    async def event_status(self, event_id: uuid.UUID) -> tuple[str | None, str] | None:
        return self._s.events.get(event_id)

    async def showcase(self, event_id: uuid.UUID) -> ShowcaseEvent | None:
        if event_id in self._s.showcases:
            return self._s.showcases[event_id]
        known = self._s.events.get(event_id)
        return ShowcaseEvent(event_id, known[1]) if known else None


class FakeTerminals:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def add(self, terminal: Terminal) -> None:
        self._s.terminals[terminal.terminal_id] = terminal

    async def get(self, terminal_id: uuid.UUID, *, for_update: bool = False) -> Terminal | None:
        return self._s.terminals.get(terminal_id)

    async def count_in_service(self) -> int:
        return len({k.terminal_id for k in self._s.keys.values() if k.active})

    async def code_in_use(self, code: str) -> bool:
        return any(t.code == code for t in self._s.terminals.values())

    async def next_code_number(self) -> int:
        self._s.code_numbers += 1
        return self._s.code_numbers

    async def add_key(self, key: TerminalKey, key_hash: bytes) -> None:
        self._s.keys[key.key_id] = key

    async def keys(self, terminal_id: uuid.UUID) -> list[TerminalKey]:
        return [k for k in self._s.keys.values() if k.terminal_id == terminal_id]

    async def revoke_key(
        self, terminal_id: uuid.UUID, key_id: uuid.UUID, at: datetime
    ) -> TerminalKey | None:
        key = self._s.keys.get(key_id)
        if key is None or key.terminal_id != terminal_id:
            return None
        self._s.keys[key_id] = replace(key, revoked_at=key.revoked_at or at)
        return self._s.keys[key_id]


class FakeShifts:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def add(self, shift: Shift) -> None:
        self._s.shifts[shift.shift_id] = shift

    async def open_of(self, terminal_id: uuid.UUID, *, hold: bool = False) -> Shift | None:
        return next(
            (s for s in self._s.shifts.values() if s.terminal_id == terminal_id and s.is_open),
            None,
        )

    async def get(self, shift_id: uuid.UUID, *, for_update: bool = False) -> Shift | None:
        return self._s.shifts.get(shift_id)

    async def takings(self, shift: Shift) -> ShiftTakings:
        return ShiftTakings(opening_float=shift.opening_float)

    async def close(
        self, shift_id: uuid.UUID, at: datetime, counted: int, report: dict[str, Any]
    ) -> None:
        self._s.shifts[shift_id] = replace(
            self._s.shifts[shift_id], closed_at=at, counted_cash=counted, report=report
        )


class FakeRequests:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def entries(
        self, kind: RequestKind, request_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, LedgerEntry]:
        made: dict[uuid.UUID, Any] = self._s.sales if kind is RequestKind.SALE else self._s.refunds
        return {i: made[i].request for i in request_ids if i in made}


class FakeSales:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def context(
        self,
        terminal_id: uuid.UUID,
        sale_ids: Iterable[uuid.UUID],
        skus: Iterable[str],
        event_id: uuid.UUID | None,
        receipt_nos: Iterable[str],
        *,
        shop: bool = False,
    ) -> SaleContext:
        known = FakeCatalogue(self._s)
        catalogue = await known.by_sku(skus)
        return SaleContext(
            await FakeShifts(self._s).open_of(terminal_id, hold=True),
            await FakeRequests(self._s).entries(RequestKind.SALE, sale_ids),
            catalogue,
            await known.showcase(event_id) if event_id is not None else None,
            await self.receipt_holders(terminal_id, receipt_nos),
            shelves=shelves_for(self._s.shelves, catalogue.values()) if shop else {},
        )

    async def add_all(
        self,
        sales: list[NewSale],
        needs_count: Iterable[uuid.UUID] = (),
        low_alerted: Iterable[uuid.UUID] = (),
    ) -> set[uuid.UUID]:
        stored = set()
        for sale in sales:
            if sale.sale_id in self._s.sales:
                continue
            if sale.receipt_no is not None and await self.receipt_holders(
                sale.terminal_id, [sale.receipt_no]
            ):
                continue
            self._s.sales[sale.sale_id] = sale
            stored.add(sale.sale_id)
            take(self._s.shelves, sale.stock)
            for line in sale.priced.lines:
                held = (line.line_no, line.product_id, line.sku, line.producer_id)
                self._s.lines[(sale.sale_id, line.line_no)] = StoredLine(
                    *held, line.quantity, line.net, 0, False
                )
            await self.mark_due((ln.producer_id, sale.business_day) for ln in sale.priced.lines)
        return stored

    async def receipt_holders(
        self, terminal_id: uuid.UUID, receipt_nos: Iterable[str]
    ) -> dict[str, uuid.UUID]:
        wanted = set(receipt_nos)
        return {
            s.receipt_no: s.sale_id
            for s in self._s.sales.values()
            if s.terminal_id == terminal_id and s.receipt_no in wanted and s.receipt_no
        }

    async def mark_due(self, producer_days: Iterable[tuple[uuid.UUID, date]]) -> None:
        self._s.due.update(producer_days)

    async def get_for_update(self, sale_id: uuid.UUID) -> StoredSale | None:
        sale = self._s.sales.get(sale_id)
        if sale is None:
            return None
        return StoredSale(
            sale.sale_id,
            sale.terminal_id,
            sale.shift_id,
            sale.location,
            sale.event_id,
            sale.business_day,
            sale.priced.total,
            sale.sale_id in self._s.voided,
            sale.receipt,
        )

    async def lines(self, sale_id: uuid.UUID) -> list[StoredLine]:
        return sorted(
            (ln for (sid, _), ln in self._s.lines.items() if sid == sale_id),
            key=lambda ln: ln.line_no,
        )

    async def add_refund(self, refund: NewRefund) -> None:
        self._s.refunds[refund.refund_id] = refund
        for ln in refund.lines:
            stored = self._s.lines[(refund.sale_id, ln.line_no)]
            self._s.lines[(refund.sale_id, ln.line_no)] = replace(
                stored, refunded_quantity=stored.refunded_quantity + ln.quantity
            )

    async def void(self, sale_id: uuid.UUID, at: datetime, reason: str | None) -> None:
        self._s.voided.add(sale_id)


class FakeSettlements:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def serialise(self) -> None:
        return None

    async def unsettled_sale_lines(self, start: date, end: date) -> list[Any]:
        return list(self._s.unsettled)

    async def unsettled_refund_lines(self, start: date, end: date) -> list[Any]:
        return []

    async def originals(self, start: date, end: date) -> dict[uuid.UUID, uuid.UUID]:
        return {}

    async def add(self, **kwargs: Any) -> None:
        self._s.settlements[kwargs["settlement_id"]] = kwargs
        paid = set(kwargs["sale_lines"])
        self._s.unsettled = [
            r for r in self._s.unsettled if (r["sale_id"], r["line_no"]) not in paid
        ]


class FakeSalesUnitOfWork(SalesUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(self, state: FakeState | None = None) -> None:
        super().__init__()
        self.state = state if state is not None else FakeState()
        self._working: FakeState | None = None
        self.commits = 0
        self.audited: list[AuditEntry] = []

    async def _begin(self) -> None:
        self._working = copy.deepcopy(self.state)
        self.catalogue = FakeCatalogue(self._working)
        self.producers = FakeProducers(self._working)
        self.requests = FakeRequests(self._working)
        self.terminals = FakeTerminals(self._working)
        self.shifts = FakeShifts(self._working)
        self.sales = FakeSales(self._working)
        self.settlements = FakeSettlements(self._working)
        self.stock = FakeStock(self._working.shelves)
        self.shop = FakeShop(self._working.shelves)

    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None:
        assert self._working is not None, "commit outside the unit of work"
        self.state = self._working
        self._working = None
        self.commits += 1
        self.audited.extend(self._audit_entries(envelopes))

    async def _end(self) -> None:
        self._working = None

    def events_of_type(self, event_type: str) -> list[EventEnvelope[Any]]:
        return [env for _, env in self.committed_events if env.event_type == event_type]
