"""The sales service's unit of work: its repositories (ports) on one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from services.sales.domain.catalogue import EventChange, ProductChange
from services.sales.domain.producers import ProducerNames
from services.sales.domain.records import NewRefund, NewSale, StoredLine, StoredSale
from services.sales.domain.request_ledger import LedgerEntry, RequestKind
from services.sales.domain.sale_context import SaleContext
from services.sales.domain.shift_record import Shift
from services.sales.domain.shifts import ShiftTakings
from services.sales.domain.stock import StockLine
from services.sales.domain.terminals import Terminal, TerminalKey
from shared.service.unit_of_work import AbstractUnitOfWork


class CatalogueRepository(Protocol):
    """The read models of products and showcase events, kept from other services' events."""

    async def keep_product(self, change: ProductChange) -> None: ...
    async def keep_event(self, change: EventChange) -> None: ...
    async def event_status(self, event_id: uuid.UUID) -> tuple[str | None, str] | None: ...


class ProducerRepository(Protocol):
    """Producers' names, kept from registry.members.v1 (names only)."""

    async def keep(self, names: ProducerNames) -> None: ...
    async def names(
        self, member_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str | None, str | None]]: ...


class RequestLedger(Protocol):
    """The fingerprint and receipt of every sale and refund request, by the id it was made
    under (written with the sale or refund itself)."""

    async def entries(
        self, kind: RequestKind, request_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, LedgerEntry]: ...


class TerminalRepository(Protocol):
    async def add(self, terminal: Terminal) -> None: ...
    async def get(self, terminal_id: uuid.UUID, *, for_update: bool = False) -> Terminal | None: ...
    async def count_in_service(self) -> int: ...
    async def code_in_use(self, code: str) -> bool: ...
    async def next_code_number(self) -> int: ...
    async def add_key(self, key: TerminalKey, key_hash: bytes) -> None: ...
    async def keys(self, terminal_id: uuid.UUID) -> list[TerminalKey]: ...
    async def revoke_key(
        self, terminal_id: uuid.UUID, key_id: uuid.UUID, at: datetime
    ) -> TerminalKey | None: ...


class ShiftRepository(Protocol):
    async def add(self, shift: Shift) -> None: ...
    async def open_of(self, terminal_id: uuid.UUID, *, hold: bool = False) -> Shift | None: ...
    async def get(self, shift_id: uuid.UUID, *, for_update: bool = False) -> Shift | None: ...
    async def takings(self, shift: Shift) -> ShiftTakings: ...
    async def close(
        self, shift_id: uuid.UUID, at: datetime, counted: int, report: dict[str, Any]
    ) -> None: ...


class SaleRepository(Protocol):
    async def context(
        self,
        terminal_id: uuid.UUID,
        sale_ids: Iterable[uuid.UUID],
        skus: Iterable[str],
        event_id: uuid.UUID | None,
        receipt_nos: Iterable[str],
        *,
        shop: bool = False,
    ) -> SaleContext: ...
    async def add_all(
        self,
        sales: list[NewSale],
        needs_count: Iterable[uuid.UUID] = (),
        low_alerted: Iterable[uuid.UUID] = (),
    ) -> set[uuid.UUID]: ...
    async def mark_due(self, producer_days: Iterable[tuple[uuid.UUID, date]]) -> None: ...
    async def get_for_update(self, sale_id: uuid.UUID) -> StoredSale | None: ...
    async def lines(self, sale_id: uuid.UUID) -> list[StoredLine]: ...
    async def add_refund(self, refund: NewRefund) -> None: ...
    async def void(self, sale_id: uuid.UUID, at: datetime, reason: str | None) -> None: ...


class StockRepository(Protocol):
    """The shop's stock as sales, refunds and voids move it."""

    async def put_back(
        self,
        sale_id: uuid.UUID,
        refund_id: uuid.UUID | None,
        lines: Sequence[StockLine],
        at: datetime,
        *,
        kind: str = "refund",
    ) -> int: ...


class SettlementRepository(Protocol):
    async def serialise(self) -> None: ...
    async def unsettled_sale_lines(self, start: date, end: date) -> list[Any]: ...
    async def unsettled_refund_lines(self, start: date, end: date) -> list[Any]: ...
    async def originals(self, start: date, end: date) -> dict[uuid.UUID, uuid.UUID]: ...
    async def add(self, **kwargs: Any) -> None: ...


class SummaryRepository(Protocol):
    async def serialise(self) -> None: ...
    async def due(self, before: date, limit: int) -> list[tuple[uuid.UUID, date]]: ...
    async def lock_due_of(self, day: date) -> set[uuid.UUID]: ...
    async def producers_of(self, day: date) -> list[uuid.UUID]: ...
    async def sold(self, producer_id: uuid.UUID, day: date) -> list[Any]: ...
    async def refunded(self, producer_id: uuid.UUID, day: date) -> list[Any]: ...
    async def latest(self, producer_id: uuid.UUID, day: date) -> tuple[int, Any] | None: ...
    async def add(
        self, producer_id: uuid.UUID, day: date, revision: int, figures: Any, at: Any
    ) -> bool: ...
    async def done(self, producer_id: uuid.UUID, day: date) -> None: ...


class SalesUnitOfWork(AbstractUnitOfWork):
    producer = "sales"
    catalogue: CatalogueRepository
    producers: ProducerRepository
    requests: RequestLedger
    terminals: TerminalRepository
    shifts: ShiftRepository
    sales: SaleRepository
    stock: StockRepository
    settlements: SettlementRepository
    summaries: SummaryRepository
