"""Receipt numbers: a terminal numbers its own receipts, one number per sale; terminal codes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from services.sales.domain.errors import (
    InvalidInput,
    ReceiptNoTaken,
    SaleConflict,
    TerminalCodeTaken,
)
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.receipts import check_receipt_no, generated_code
from services.sales.domain.terminals import Terminal
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import sales, shifts, terminals
from services.sales.service_layer.outcomes import Outcome
from shared.contracts.sales import TerminalLocation
from tests.unit.sales.fakes import FakeSalesUnitOfWork, FakeState

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.fixture
def uow() -> FakeSalesUnitOfWork:
    state = FakeState()
    state.products["SK-1"] = CatalogueProduct(uuid.uuid4(), uuid.uuid4(), "SK-1", 8550, True)
    return FakeSalesUnitOfWork(state)


@pytest.fixture
async def till(uow) -> Terminal:
    terminal = Terminal(uuid.uuid4(), "till", TerminalLocation.SHOP, None, NOW, "KK01")
    await shifts.open_shift(
        commands.OpenShiftOnTerminal(
            terminal=terminal, shift=commands.OpenShift(opening_float=Decimal("100"))
        ),
        uow,
        clock=clock,
    )
    return terminal


def a_sale(receipt_no: str | None, **changes) -> commands.RecordSale:
    body = {
        "sale_id": str(uuid.uuid4()),
        "occurred_at": (NOW - timedelta(minutes=1)).isoformat(),
        "lines": [{"sku": "SK-1", "quantity": 1, "unit_price": "85.50"}],
        "payments": [{"method": "cash", "amount": "100.00"}],
        "receipt_no": receipt_no,
        **changes,
    }
    return commands.RecordSale.model_validate(body)


async def _record(uow, terminal, reqs, backlog=False):
    return await sales.record_sales(reqs, terminal, uow, backlog=backlog, clock=clock)


def test_a_receipt_number_is_the_terminal_code_a_dash_and_six_digits():
    check_receipt_no("KK01", "KK01-000123")
    with pytest.raises(InvalidInput, match="not this terminal's"):
        check_receipt_no("KK01", "KK02-000123")
    with pytest.raises(ValidationError):
        a_sale("KK01-123")
    with pytest.raises(ValidationError):
        a_sale("kk01-000123")


def test_generated_codes_count_up_in_the_same_form():
    assert [generated_code(n) for n in (1, 42, 1234)] == ["T001", "T042", "T1234"]


def test_a_sale_without_a_receipt_number_keeps_the_fingerprint_it_always_had():
    sale = a_sale(None)
    numbered = sale.model_copy(update={"receipt_no": "KK01-000001"})
    body = sale.model_dump(mode="json", exclude={"receipt_no"})
    assert commands.RecordSale.model_validate(body).fingerprint(uuid.UUID(int=1)) == (
        sale.fingerprint(uuid.UUID(int=1))
    )
    assert numbered.fingerprint(uuid.UUID(int=1)) != sale.fingerprint(uuid.UUID(int=1))


async def test_a_retried_sale_with_its_receipt_number_is_answered_again(uow, till):
    sale = a_sale("KK01-000001")
    [first] = await _record(uow, till, [sale])
    [again] = await _record(uow, till, [sale])
    assert (first.outcome, again.outcome) == (Outcome.RECORDED, Outcome.REPLAYED)
    assert first.receipt is not None and first.receipt["receipt_no"] == "KK01-000001"
    assert [e.data.receipt_no for e in uow.events_of_type("sale.recorded")] == ["KK01-000001"]


async def test_the_same_sale_id_under_another_receipt_number_is_a_conflict(uow, till):
    sale = a_sale("KK01-000001")
    await _record(uow, till, [sale])
    [outcome] = await _record(uow, till, [sale.model_copy(update={"receipt_no": "KK01-000002"})])
    assert isinstance(outcome.error, SaleConflict)


async def test_another_sale_with_a_used_receipt_number_is_refused(uow, till):
    [first] = await _record(uow, till, [a_sale("KK01-000001")])
    [second] = await _record(uow, till, [a_sale("KK01-000001")])
    assert second.outcome is Outcome.REFUSED and isinstance(second.error, ReceiptNoTaken)
    assert second.error.extra["held_by_sale_id"] == str(first.sale_id)
    assert len(uow.state.sales) == 1


async def test_in_one_batch_the_first_sale_keeps_a_receipt_number_given_twice(uow, till):
    one, two, three = a_sale("KK01-000007"), a_sale("KK01-000007"), a_sale("KK01-000008")
    outcomes = await _record(uow, till, [one, two, three], backlog=True)
    assert [o.outcome for o in outcomes] == [Outcome.RECORDED, Outcome.REFUSED, Outcome.RECORDED]
    assert isinstance(outcomes[1].error, ReceiptNoTaken)
    assert set(uow.state.sales) == {one.sale_id, three.sale_id}


async def test_a_receipt_number_of_another_terminal_code_is_refused(uow, till):
    [outcome] = await _record(uow, till, [a_sale("KK02-000001")])
    assert isinstance(outcome.error, InvalidInput) and not uow.state.sales


async def test_a_terminal_gets_the_code_asked_for_once_and_a_generated_one_otherwise(uow):
    def register(code=None):
        body = commands.RegisterTerminal(name="till", location=TerminalLocation.SHOP, code=code)
        return terminals.register_terminal(body, uow, clock)

    asked, _, _ = await register("T002")
    generated = [(await register())[0].code for _ in range(2)]
    assert asked.code == "T002" and generated == ["T001", "T003"]
    with pytest.raises(TerminalCodeTaken):
        await register("T002")
