"""Handlers against in-memory fakes of the sales service's ports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from services.sales.domain.errors import (
    Conflict,
    InvalidInput,
    RefundRejected,
    SaleConflict,
    ShiftProblem,
    VoidRejected,
)
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.terminals import Terminal
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import refunds, sales, shifts, terminals
from services.sales.service_layer.outcomes import Outcome
from shared.contracts.sales import PaymentMethod, TerminalLocation
from shared.errors import Forbidden
from tests.unit.sales.fakes import FakeSalesUnitOfWork, FakeState

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)  # 11:00 in Bangkok
PRODUCER = uuid.uuid4()


def clock() -> datetime:
    return NOW


@pytest.fixture
def uow() -> FakeSalesUnitOfWork:
    state = FakeState()
    state.products["SK-1"] = CatalogueProduct(uuid.uuid4(), PRODUCER, "SK-1", 8550, True)
    state.products["SK-2"] = CatalogueProduct(uuid.uuid4(), uuid.uuid4(), "SK-2", 2000, True)
    return FakeSalesUnitOfWork(state)


@pytest.fixture
def shop() -> Terminal:
    return Terminal(uuid.uuid4(), "till", TerminalLocation.SHOP, None, NOW)


def a_sale(quantity: int = 2, minutes_ago: int = 1, **changes) -> commands.RecordSale:
    body = {
        "sale_id": str(uuid.uuid4()),
        "occurred_at": (NOW - timedelta(minutes=minutes_ago)).isoformat(),
        "lines": [{"sku": "SK-1", "quantity": quantity, "unit_price": "85.50"}],
        "payments": [{"method": "cash", "amount": "500.00"}],
    }
    body.update(changes)
    return commands.RecordSale.model_validate(body)


async def _open(uow, terminal) -> dict:
    return await shifts.open_shift(
        commands.OpenShiftOnTerminal(
            terminal=terminal, shift=commands.OpenShift(opening_float=Decimal("100"))
        ),
        uow,
        clock=lambda: NOW,
    )


async def _refund(uow, terminal, sale_id, refund):
    return await refunds.refund_sale(
        commands.RefundFromTerminal(terminal=terminal, sale_id=sale_id, refund=refund),
        uow,
        clock=clock,
    )


async def _void(uow, terminal, sale_id, void):
    return await refunds.void_sale(
        commands.VoidFromTerminal(terminal=terminal, sale_id=sale_id, void=void), uow, clock=clock
    )


async def _record(uow, terminal, reqs, backlog=False):
    return await sales.record_sales(reqs, terminal, uow, backlog=backlog, clock=clock)


async def test_a_new_sale_is_stored_and_published_and_a_retry_answers_it_again(uow, shop):
    await _open(uow, shop)
    sale = a_sale()
    [first] = await _record(uow, shop, [sale])
    [again] = await _record(uow, shop, [sale])
    assert (first.outcome, again.outcome) == (Outcome.RECORDED, Outcome.REPLAYED)
    assert again.receipt == first.receipt
    assert len(uow.state.sales) == 1
    assert len(uow.events_of_type("sale.recorded")) == 1
    assert first.receipt is not None and first.receipt["change_given"] == "329.00"


async def test_the_same_sale_id_with_another_body_is_a_conflict(uow, shop):
    await _open(uow, shop)
    sale = a_sale()
    await _record(uow, shop, [sale])
    changed = sale.model_copy(
        update={"lines": [commands.SaleLineIn(sku="SK-1", quantity=3, unit_price=Decimal("85.50"))]}
    )
    [outcome] = await _record(uow, shop, [changed])
    assert outcome.outcome is Outcome.REFUSED and isinstance(outcome.error, SaleConflict)


async def test_a_bad_sale_in_a_batch_leaves_the_others_alone(uow, shop):
    good, bad = a_sale(), a_sale(lines=[{"sku": "SK-404", "quantity": 1, "unit_price": "1.00"}])
    late = a_sale(minutes_ago=-60)
    outcomes = await _record(uow, shop, [good, bad, good, late], backlog=True)
    assert [o.outcome for o in outcomes] == [
        Outcome.RECORDED,
        Outcome.REFUSED,
        Outcome.REPLAYED,
        Outcome.REFUSED,
    ]
    assert isinstance(outcomes[1].error, InvalidInput)
    assert isinstance(outcomes[3].error, InvalidInput)
    assert list(uow.state.sales) == [good.sale_id]
    assert uow.state.sales[good.sale_id].shift_id is None


async def test_a_live_sale_without_an_open_shift_is_refused(uow, shop):
    [outcome] = await _record(uow, shop, [a_sale()])
    assert outcome.outcome is Outcome.REFUSED and isinstance(outcome.error, ShiftProblem)
    assert uow.state.sales == {}


async def test_a_booth_terminal_cannot_sell_for_another_event(uow):
    booth = Terminal(uuid.uuid4(), "booth", TerminalLocation.BOOTH, uuid.uuid4(), NOW)
    assert booth.event_id is not None
    uow.state.events[booth.event_id] = ("showcase", "published")
    await _open(uow, booth)
    [outcome] = await _record(uow, booth, [a_sale(event_id=str(uuid.uuid4()))])
    assert outcome.outcome is Outcome.REFUSED and isinstance(outcome.error, Forbidden)
    [own] = await _record(uow, booth, [a_sale()])
    assert own.outcome is Outcome.RECORDED and own.receipt["event_id"] == str(booth.event_id)


async def test_refunds_never_exceed_what_was_sold_and_are_idempotent(uow, shop):
    await _open(uow, shop)
    [sold] = await _record(uow, shop, [a_sale(quantity=3)])
    refund = commands.RefundSale(
        refund_id=uuid.uuid4(),
        lines=[commands.RefundLineIn(line_no=1, quantity=2)],
        method=PaymentMethod.CASH,
    )
    made = await _refund(uow, shop, sold.sale_id, refund)
    assert (made.outcome, made.receipt["total"]) == (Outcome.RECORDED, "171.00")
    again = await _refund(uow, shop, sold.sale_id, refund)
    assert again.outcome is Outcome.REPLAYED and again.receipt == made.receipt
    too_many = commands.RefundSale(
        refund_id=uuid.uuid4(),
        lines=[commands.RefundLineIn(line_no=1, quantity=2)],
        method=PaymentMethod.CASH,
    )
    with pytest.raises(RefundRejected, match="1 left"):
        await _refund(uow, shop, sold.sale_id, too_many)
    assert len(uow.events_of_type("sale.refunded")) == 1
    with pytest.raises(VoidRejected, match="refunded"):
        await _void(uow, shop, sold.sale_id, commands.VoidSale())


async def test_a_terminal_holds_at_most_two_active_keys(uow):
    terminal, key, _ = await terminals.register_terminal(
        commands.RegisterTerminal(name="till", location=TerminalLocation.SHOP), uow, clock
    )
    await terminals.issue_key(commands.IssueKey(terminal_id=terminal.terminal_id), uow, clock)
    with pytest.raises(Conflict, match="2 active keys"):
        await terminals.issue_key(commands.IssueKey(terminal_id=terminal.terminal_id), uow, clock)
    await terminals.revoke_key(
        commands.RevokeKey(terminal_id=terminal.terminal_id, key_id=key.key_id), uow, clock
    )
    await terminals.issue_key(commands.IssueKey(terminal_id=terminal.terminal_id), uow, clock)
    active = [k for k in uow.state.keys.values() if k.active]
    assert len(active) == 2 and key.key_id not in {k.key_id for k in active}


async def test_a_booth_terminal_needs_a_published_showcase(uow):
    event_id = uuid.uuid4()
    booth = commands.RegisterTerminal(name="b", location=TerminalLocation.BOOTH, event_id=event_id)
    with pytest.raises(InvalidInput, match="not known"):
        await terminals.register_terminal(booth, uow, clock)
    uow.state.events[event_id] = ("training", "published")
    with pytest.raises(InvalidInput, match="only showcases and fairs"):
        await terminals.register_terminal(booth, uow, clock)
    uow.state.events[event_id] = ("fair", "published")
    terminal, _, _ = await terminals.register_terminal(booth, uow, clock)
    assert terminal.event_id == event_id


async def test_a_terminal_needs_a_name(uow):
    with pytest.raises(InvalidInput, match="name"):
        await terminals.register_terminal(
            commands.RegisterTerminal(name="   ", location=TerminalLocation.SHOP), uow, clock
        )


async def test_one_open_shift_per_terminal(uow, shop):
    await _open(uow, shop)
    with pytest.raises(ShiftProblem, match="still open"):
        await _open(uow, shop)


async def test_receipts_are_the_published_events_and_a_void_carries_the_sales_lines(uow, shop):
    await _open(uow, shop)
    [sold] = await _record(uow, shop, [a_sale(quantity=3)])
    [recorded] = uow.events_of_type("sale.recorded")
    assert recorded.aggregate_id == str(sold.sale_id)
    assert recorded.data.model_dump(mode="json") == sold.receipt
    refund = commands.RefundSale(
        refund_id=uuid.uuid4(),
        lines=[commands.RefundLineIn(line_no=1, quantity=1)],
        method=PaymentMethod.CASH,
    )
    made = await _refund(uow, shop, sold.sale_id, refund)
    [refunded] = uow.events_of_type("sale.refunded")
    assert refunded.data.model_dump(mode="json") == made.receipt
    [other] = await _record(uow, shop, [a_sale(quantity=2)])
    await _void(uow, shop, other.sale_id, commands.VoidSale(reason="typo"))
    [voided] = uow.events_of_type("sale.voided")
    data = voided.data.model_dump(mode="json")
    assert data["lines"] == other.receipt["lines"] and data["total"] == other.receipt["total"]
    assert (data["reason"], data["business_day"]) == ("typo", other.receipt["business_day"])
