"""Opening a shift with a float and closing it with the counted cash."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.sales.domain.errors import ForbiddenForTerminal, NotFound, ShiftProblem
from services.sales.domain.shift_record import Shift
from services.sales.domain.shifts import CashCount, ShiftTakings, count_cash
from services.sales.domain.terminals import Terminal
from services.sales.service_layer import access, commands
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.money import format_baht, from_satang, to_satang
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


def _baht(satang: int) -> str:
    return format_baht(from_satang(satang))


def report(shift: Shift, takings: ShiftTakings, count: CashCount | None) -> dict[str, Any]:
    """The shift's figures as JSON: money as decimal strings, the variance signed."""
    body: dict[str, Any] = {
        "shift_id": str(shift.shift_id),
        "terminal_id": str(shift.terminal_id),
        "opened_at": shift.opened_at.isoformat(),
        "closed_at": shift.closed_at.isoformat() if shift.closed_at else None,
        "opening_float": _baht(takings.opening_float),
        "sale_count": takings.sale_count,
        "sales_by_method": {m.value: _baht(v) for m, v in sorted(takings.sales_by_method.items())},
        "cash_tendered": _baht(takings.cash_tendered),
        "change_given": _baht(takings.change_given),
        "refund_count": takings.refund_count,
        "refunds_by_method": {
            m.value: _baht(v) for m, v in sorted(takings.refunds_by_method.items())
        },
        "void_count": takings.void_count,
        "voided_total": _baht(takings.voided_total),
        "expected_cash": _baht(takings.expected_cash),
        "counted_cash": None,
        "variance": None,
    }
    if count is not None:
        body["counted_cash"] = _baht(count.counted)
        body["variance"] = _baht(count.variance)
    return body


async def open_shift(
    cmd: commands.OpenShiftOnTerminal, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> dict[str, Any]:
    terminal = cmd.terminal
    access.run_shop_or_own_terminal(cmd.shop)
    async with uow:
        current = await uow.shifts.open_of(terminal.terminal_id)
        if current is not None:
            raise ShiftProblem(
                f"shift {current.shift_id} is still open on this terminal: close it first",
                shift_id=str(current.shift_id),
            )
        opening_float = to_satang(cmd.shift.opening_float)
        shift = Shift(uuid.uuid4(), terminal.terminal_id, clock(), opening_float)
        await uow.shifts.add(shift)
        uow.audit("shift.opened", "shift", shift.shift_id)
        await uow.commit()
    return report(shift, ShiftTakings(opening_float=shift.opening_float), None)


async def _own_shift(
    uow: SalesUnitOfWork, shift_id: uuid.UUID, terminal: Terminal, *, for_update: bool = False
) -> Shift:
    shift = await uow.shifts.get(shift_id, for_update=for_update)
    if shift is None:
        raise NotFound(f"there is no shift {shift_id}")
    if shift.terminal_id != terminal.terminal_id:
        raise ForbiddenForTerminal(f"shift {shift_id} belongs to another terminal")
    return shift


async def _close(uow: SalesUnitOfWork, shift: Shift, counted: int, clock: Clock) -> dict[str, Any]:
    """Total the locked shift and store its report; closing again with the same count
    answers the stored report."""
    if not shift.is_open:
        assert shift.report is not None
        if shift.counted_cash == counted:
            return shift.report
        raise ShiftProblem(f"shift {shift.shift_id} was already closed")
    takings = await uow.shifts.takings(shift)
    closed = Shift(shift.shift_id, shift.terminal_id, shift.opened_at, shift.opening_float, clock())
    body = report(closed, takings, count_cash(takings, counted))
    assert closed.closed_at is not None
    await uow.shifts.close(shift.shift_id, closed.closed_at, counted, body)
    uow.audit("shift.closed", "shift", shift.shift_id)
    await uow.commit()
    return body


async def close_shift(
    cmd: commands.CloseShiftOnTerminal, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> dict[str, Any]:
    """Lock the shift (sales and refunds joining it hold it shared), total it, store the
    report. Closing again with the same count answers the stored report."""
    counted = to_satang(cmd.count.counted_cash)
    access.run_shop_or_own_terminal(cmd.shop)
    async with uow:
        shift = await _own_shift(uow, cmd.shift_id, cmd.terminal, for_update=True)
        return await _close(uow, shift, counted, clock)


async def close_for_terminal(
    cmd: commands.CloseShiftForTerminal, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> dict[str, Any]:
    """Staff close the shift left open on a terminal (a tablet broken or lost) with the
    cash they counted from its drawer."""
    counted = to_satang(cmd.count.counted_cash)
    access.run_shop(cmd.shop)
    async with uow:
        if await uow.terminals.get(cmd.terminal_id) is None:
            raise NotFound(f"there is no terminal {cmd.terminal_id}")
        current = await uow.shifts.open_of(cmd.terminal_id)
        shift = await uow.shifts.get(current.shift_id, for_update=True) if current else None
        if shift is None:
            raise NotFound(
                f"เครื่องขาย {cmd.terminal_id} ไม่มีกะที่เปิดอยู่ / terminal {cmd.terminal_id} "
                "has no open shift"
            )
        return await _close(uow, shift, counted, clock)


async def shift_report(
    shift_id: uuid.UUID, terminal: Terminal, uow: SalesUnitOfWork
) -> dict[str, Any]:
    async with uow:
        shift = await _own_shift(uow, shift_id, terminal)
        if shift.report is not None:
            return shift.report
        return report(shift, await uow.shifts.takings(shift), None)
