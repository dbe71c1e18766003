"""The sales service's command table: each command reaches its handler through the bus."""

from __future__ import annotations

import inspect
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from services.sales.app import DEFINITION
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.terminals import Terminal
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import sales
from services.sales.service_layer.outcomes import Outcome
from shared.contracts.sales import PaymentMethod, TerminalLocation
from shared.messaging.bus import CommandBus
from tests.unit.sales.fakes import FakeSalesUnitOfWork, FakeState


def test_each_handler_takes_the_command_it_is_listed_under():
    for command, handler in DEFINITION.commands.items():
        first = next(iter(inspect.signature(handler).parameters.values()))
        assert first.annotation in (command.__name__, f"commands.{command.__name__}"), handler


async def test_a_terminals_shift_refund_and_void_go_through_the_bus():
    state = FakeState()
    state.products["SK-1"] = CatalogueProduct(uuid.uuid4(), uuid.uuid4(), "SK-1", 1000, True)
    uow = FakeSalesUnitOfWork(state)
    bus = CommandBus(lambda: uow, DEFINITION.commands)
    # The handlers on the bus read the real clock: the sale happens now, not at import.
    now = datetime.now(UTC)
    till = Terminal(uuid.uuid4(), "till", TerminalLocation.SHOP, None, now)
    opened = await bus.handle(
        commands.OpenShiftOnTerminal(
            terminal=till, shift=commands.OpenShift(opening_float=Decimal("100"))
        )
    )

    def a_sale() -> commands.RecordSale:
        return commands.RecordSale.model_validate(
            {
                "sale_id": str(uuid.uuid4()),
                "occurred_at": (now - timedelta(seconds=1)).isoformat(),
                "lines": [{"sku": "SK-1", "quantity": 2, "unit_price": "10.00"}],
                "payments": [{"method": "cash", "amount": "20.00"}],
            }
        )

    kept, voided = await sales.record_sales([a_sale(), a_sale()], till, uow, backlog=False)
    refund = commands.RefundSale(
        refund_id=uuid.uuid4(),
        lines=[commands.RefundLineIn(line_no=1, quantity=1)],
        method=PaymentMethod.CASH,
    )
    made = await bus.handle(
        commands.RefundFromTerminal(terminal=till, sale_id=kept.sale_id, refund=refund)
    )
    assert (made.outcome, made.receipt["total"]) == (Outcome.RECORDED, "10.00")
    assert await bus.handle(
        commands.VoidFromTerminal(terminal=till, sale_id=voided.sale_id, void=commands.VoidSale())
    ) == {"sale_id": str(voided.sale_id), "voided": True}
    closed = await bus.handle(
        commands.CloseShiftOnTerminal(
            terminal=till,
            shift_id=uuid.UUID(opened["shift_id"]),
            count=commands.CloseShift(counted_cash=Decimal("110")),
        )
    )
    assert closed["counted_cash"] == "110.00" and closed["closed_at"] is not None
    assert [len(uow.events_of_type(t)) for t in ("sale.refunded", "sale.voided")] == [1, 1]


async def test_staff_rotate_a_terminals_keys_through_the_bus():
    uow = FakeSalesUnitOfWork()
    bus = CommandBus(lambda: uow, DEFINITION.commands)
    till = Terminal(uuid.uuid4(), "till", TerminalLocation.SHOP, None, datetime.now(UTC))
    uow.state.terminals[till.terminal_id] = till
    first, _ = await bus.handle(commands.IssueKey(terminal_id=till.terminal_id))
    second, secret = await bus.handle(commands.IssueKey(terminal_id=till.terminal_id))
    revoked = await bus.handle(
        commands.RevokeKey(terminal_id=till.terminal_id, key_id=first.key_id)
    )
    assert secret.startswith("otop_tk_") and revoked.key_id == first.key_id
    assert [k.key_id for k in uow.state.keys.values() if k.active] == [second.key_id]
