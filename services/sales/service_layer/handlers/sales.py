"""Recording sales, one or a terminal's whole backlog, exactly once per sale id.

A sale id already in the request ledger is answered with the stored receipt when the
request is the same (replayed) and refused as a conflict when it is not; this is decided
before the sale is checked again, so a retry is answered the same even after a product was
delisted meanwhile. New sales go in with INSERT … ON CONFLICT DO NOTHING: when two retries
race, one stores the sale and the other finds it and is answered as replayed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from services.sales.domain.booth_window import ShowcaseEvent, check_booth_sale
from services.sales.domain.errors import DomainError, SaleConflict, ShiftProblem
from services.sales.domain.events import SaleRecorded
from services.sales.domain.pricing import (
    CatalogueProduct,
    PricedSale,
    RequestedLine,
    Tender,
    check_sale_time,
    price_sale,
)
from services.sales.domain.receipts import check_receipt_no, receipt_taken
from services.sales.domain.records import NewSale
from services.sales.domain.request_ledger import LedgerEntry, RequestKind, Seen, seen
from services.sales.domain.shift_record import Shift
from services.sales.domain.terminals import Terminal
from services.sales.service_layer.commands import RecordSale
from services.sales.service_layer.outcomes import Outcome, SaleOutcome
from services.sales.service_layer.receipts import receipt_of
from services.sales.service_layer.shop_shelf import ShopShelves, Taken
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.sales import TerminalLocation
from shared.money import to_satang
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


def _recorded(
    req: RecordSale,
    terminal: Terminal,
    event_id: uuid.UUID | None,
    shift: Shift | None,
    priced: PricedSale,
    now: datetime,
) -> SaleRecorded:
    return SaleRecorded(
        sale_id=req.sale_id,
        terminal_id=terminal.terminal_id,
        location=terminal.location,
        event_id=event_id,
        shift_id=shift.shift_id if shift else None,
        occurred_at=req.occurred_at,
        recorded_at=now,
        business_day=business_day(req.occurred_at),
        priced=priced,
        receipt_no=req.receipt_no,
    )


def _shift_for(
    req: RecordSale, shift: Shift | None, skew: timedelta, backlog: bool
) -> Shift | None:
    """A sale made during the terminal's open shift joins it. A backlog sale from before it
    (or with no shift open) is recorded without a shift: it counts in revenue and
    settlements, not in any drawer's cash. A live sale needs an open shift."""
    if shift is not None and req.occurred_at >= shift.opened_at - skew:
        return shift
    if backlog:
        return None
    raise ShiftProblem(
        "no open shift of this terminal covers this sale: open a shift first, or upload an "
        "offline backlog through POST /v1/sales/batch"
    )


def _build(
    req: RecordSale,
    terminal: Terminal,
    shift: Shift | None,
    catalogue: dict[str, CatalogueProduct],
    now: datetime,
    skew: timedelta,
    backlog: bool,
    showcase: ShowcaseEvent | None,
) -> SaleRecorded:
    """The sale priced and checked, as it will be recorded; refused with a `DomainError`."""
    event_id = terminal.event_for_sale(req.event_id)
    if req.receipt_no is not None:
        check_receipt_no(terminal.code, req.receipt_no)
    check_sale_time(req.occurred_at, now, skew)
    if event_id is not None:
        check_booth_sale(showcase, event_id, req.occurred_at, skew)
    priced = price_sale(
        [RequestedLine(ln.sku, ln.quantity, to_satang(ln.unit_price)) for ln in req.lines],
        [Tender(p.method, to_satang(p.amount)) for p in req.payments],
        to_satang(req.discount),
        catalogue,
    )
    joined = _shift_for(req, shift, skew, backlog)
    return _recorded(req, terminal, event_id, joined, priced, now)


def _stored(event: SaleRecorded, request: LedgerEntry, stock: Taken = ()) -> NewSale:
    return NewSale(
        sale_id=event.sale_id,
        terminal_id=event.terminal_id,
        shift_id=event.shift_id,
        location=event.location,
        event_id=event.event_id,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        business_day=event.business_day,
        priced=event.priced,
        request=request,
        receipt_no=event.receipt_no,
        stock=stock,
    )


def _replay(sale_id: uuid.UUID, fingerprint: str, stored: LedgerEntry) -> SaleOutcome:
    """A sale id the ledger holds: the same sale again, or another sale under a used id."""
    if seen(fingerprint, stored) is Seen.REPLAYED:
        return SaleOutcome(sale_id, Outcome.REPLAYED, receipt=stored.receipt)
    return SaleOutcome(
        sale_id,
        Outcome.REFUSED,
        error=SaleConflict(
            f"sale {sale_id} was already recorded with a different body; a new sale needs a "
            "new sale_id",
            sale_id=str(sale_id),
        ),
    )


Candidate = tuple[int, NewSale, SaleRecorded]


def _claim_receipts(
    candidates: list[Candidate], stored_holders: dict[str, uuid.UUID]
) -> tuple[list[Candidate], dict[int, SaleOutcome]]:
    """The candidates whose receipt number no other sale of the terminal holds (stored, or
    earlier in the same request), and the refusals (409) of the others."""
    holders = dict(stored_holders)
    kept: list[Candidate] = []
    refused: dict[int, SaleOutcome] = {}
    for i, sale, event in candidates:
        number = sale.receipt_no
        if number is not None:
            holder = holders.setdefault(number, sale.sale_id)
            if holder != sale.sale_id:
                refused[i] = SaleOutcome(
                    sale.sale_id, Outcome.REFUSED, error=receipt_taken(number, holder)
                )
                continue
        kept.append((i, sale, event))
    return kept, refused


def _lost_race(sale: NewSale, found: dict[uuid.UUID, LedgerEntry], fingerprint: str) -> SaleOutcome:
    """A sale another request stored first: under its id (a retry racing the original), or
    else under its receipt number (another sale numbered the same at the same moment)."""
    if sale.sale_id in found:
        return _replay(sale.sale_id, fingerprint, found[sale.sale_id])
    assert sale.receipt_no is not None
    return SaleOutcome(sale.sale_id, Outcome.REFUSED, error=receipt_taken(sale.receipt_no))


async def record_sales(
    requests: list[RecordSale],
    terminal: Terminal,
    uow: SalesUnitOfWork,
    *,
    backlog: bool,
    skew: timedelta = timedelta(minutes=5),
    clock: Clock = now_bangkok,
) -> list[SaleOutcome]:
    """Record each sale on its own merits; the outcomes come back in the requests' order.
    Nothing is stored for a refused sale, and a refused sale does not affect the others."""
    now = clock()
    fingerprints = [req.fingerprint(terminal.terminal_id) for req in requests]
    outcomes: list[SaleOutcome | None] = [None] * len(requests)
    first: dict[uuid.UUID, int] = {}
    at_shop = terminal.location is TerminalLocation.SHOP
    async with uow:
        context = await uow.sales.context(
            terminal.terminal_id,
            (req.sale_id for req in requests),
            (ln.sku for req in requests for ln in req.lines),
            terminal.event_id,
            (req.receipt_no for req in requests if req.receipt_no is not None),
            shop=at_shop,
        )
        shift, existing, catalogue = context.shift, context.ledger, context.catalogue
        showcase = context.showcase
        shelves = ShopShelves(context.shelves, context.names)
        candidates: list[Candidate] = []
        for i, req in enumerate(requests):
            if req.sale_id in first:
                continue
            if req.sale_id in existing:
                first[req.sale_id] = i
                outcomes[i] = _replay(req.sale_id, fingerprints[i], existing[req.sale_id])
                continue
            try:
                event = _build(req, terminal, shift, catalogue, now, skew, backlog, showcase)
                taken = shelves.take(event, backlog=backlog, now=now, skew=skew) if at_shop else ()
            except DomainError as error:
                # Nothing is stored under this id: a later entry with it is judged on its own.
                outcomes[i] = SaleOutcome(req.sale_id, Outcome.REFUSED, error=error)
                continue
            first[req.sale_id] = i
            sale = _stored(event, LedgerEntry(fingerprints[i], receipt_of(uow, event)), taken)
            candidates.append((i, sale, event))
        candidates, refused = _claim_receipts(candidates, context.receipt_holders)
        for i, outcome in refused.items():
            outcomes[i] = outcome
        low = shelves.low_alerts(now)
        stored = await uow.sales.add_all(
            [sale for _, sale, _ in candidates],
            needs_count=shelves.needs_count,
            low_alerted=[alert.product_id for alert in low],
        )
        raced = [(i, sale) for i, sale, _ in candidates if sale.sale_id not in stored]
        if raced:
            found = await uow.requests.entries(RequestKind.SALE, [s.sale_id for _, s in raced])
            for i, sale in raced:
                outcomes[i] = _lost_race(sale, found, fingerprints[i])
        for i, sale, event in candidates:
            if sale.sale_id in stored:
                outcomes[i] = SaleOutcome(sale.sale_id, Outcome.RECORDED, receipt=sale.receipt)
                uow.publish(sale.sale_id, event)
        if stored:
            for alert in low:
                uow.publish(alert.producer_id, alert)
        await uow.commit()
    for i, req in enumerate(requests):
        if outcomes[i] is not None:
            continue
        original = first[req.sale_id]
        earlier = outcomes[original]
        assert earlier is not None
        if fingerprints[i] != fingerprints[original]:
            entry = LedgerEntry(fingerprints[original], earlier.receipt or {})
            outcomes[i] = _replay(req.sale_id, fingerprints[i], entry)
        elif earlier.accepted:
            outcomes[i] = SaleOutcome(req.sale_id, Outcome.REPLAYED, receipt=earlier.receipt)
        else:
            outcomes[i] = earlier
    return [o for o in outcomes if o is not None]
