"""Refunds (by line and quantity, never more than was sold) and voids (within the shift)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.sales.domain.allocation import unit_share
from services.sales.domain.errors import (
    ForbiddenForTerminal,
    NotFound,
    RefundRejected,
    SaleConflict,
    VoidRejected,
)
from services.sales.domain.events import SaleRefunded, SaleVoided
from services.sales.domain.records import NewRefund, RefundLine, StoredSale
from services.sales.domain.request_ledger import LedgerEntry, RequestKind, Seen, seen
from services.sales.domain.stock import StockLine
from services.sales.domain.terminals import Terminal
from services.sales.service_layer import access, commands
from services.sales.service_layer.outcomes import Outcome, RefundOutcome
from services.sales.service_layer.receipts import receipt_of
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.sales import TerminalLocation
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


async def _locked_sale(uow: SalesUnitOfWork, sale_id: uuid.UUID) -> StoredSale:
    sale = await uow.sales.get_for_update(sale_id)
    if sale is None:
        raise NotFound(f"there is no sale {sale_id}")
    return sale


def _same_place(sale: StoredSale, terminal: Terminal, doing: str) -> None:
    if sale.location is not terminal.location or sale.event_id != terminal.event_id:
        raise ForbiddenForTerminal(
            f"sale {sale.sale_id} was made at another "
            + ("booth" if sale.location.value == "booth" else "location")
            + f"; {doing} it from a terminal of the same "
            + ("event" if sale.event_id else "shop")
        )


async def refund_sale(
    command: commands.RefundFromTerminal, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> RefundOutcome:
    """The refund made now, or the same refund again, with its receipt. The sale row is
    locked, so two refunds of one sale cannot both take back the last unit."""
    sale_id, cmd, terminal = command.sale_id, command.refund, command.terminal
    fingerprint = cmd.fingerprint(sale_id, terminal.terminal_id)
    access.run_shop_or_own_terminal(command.shop)
    async with uow:
        sale = await _locked_sale(uow, sale_id)
        earlier = (await uow.requests.entries(RequestKind.REFUND, [cmd.refund_id])).get(
            cmd.refund_id
        )
        judged = seen(fingerprint, earlier)
        if judged is Seen.REPLAYED:
            assert earlier is not None
            return RefundOutcome(Outcome.REPLAYED, earlier.receipt)
        if judged is Seen.CONFLICT:
            raise SaleConflict(
                f"refund {cmd.refund_id} was already made with a different body",
                refund_id=str(cmd.refund_id),
            )
        _same_place(sale, terminal, "refund")
        if sale.voided:
            raise RefundRejected(f"sale {sale_id} was voided; there is nothing to refund")
        lines = {line.line_no: line for line in await uow.sales.lines(sale_id)}
        refunded: list[RefundLine] = []
        for asked in cmd.lines:
            line = lines.get(asked.line_no)
            if line is None:
                raise RefundRejected(f"sale {sale_id} has no line {asked.line_no}")
            if asked.quantity > line.refundable:
                raise RefundRejected(
                    f"line {asked.line_no}: {asked.quantity} cannot be refunded; "
                    f"{line.quantity} sold, {line.refunded_quantity} already refunded, "
                    f"{line.refundable} left",
                    refundable=line.refundable,
                )
            refunded.append(
                RefundLine(
                    line_no=line.line_no,
                    product_id=line.product_id,
                    sku=line.sku,
                    producer_id=line.producer_id,
                    quantity=asked.quantity,
                    amount=unit_share(
                        line.net, line.quantity, line.refunded_quantity, asked.quantity
                    ),
                )
            )
        shift = await uow.shifts.open_of(terminal.terminal_id, hold=True)
        now = clock()
        event = SaleRefunded(
            refund_id=cmd.refund_id,
            sale_id=sale_id,
            terminal_id=terminal.terminal_id,
            event_id=sale.event_id,
            shift_id=shift.shift_id if shift else None,
            lines=tuple(refunded),
            method=cmd.method,
            reason=cmd.reason,
            refunded_at=now,
            business_day=business_day(now),
        )
        receipt = receipt_of(uow, event)
        await uow.sales.add_refund(
            NewRefund(
                refund_id=cmd.refund_id,
                sale_id=sale_id,
                terminal_id=terminal.terminal_id,
                shift_id=event.shift_id,
                event_id=sale.event_id,
                method=cmd.method,
                reason=cmd.reason,
                refunded_at=now,
                business_day=event.business_day,
                sale_business_day=sale.business_day,
                lines=tuple(refunded),
                request=LedgerEntry(fingerprint, receipt),
            )
        )
        if sale.location is TerminalLocation.SHOP:
            back = [StockLine(ln.product_id, ln.producer_id, ln.quantity) for ln in refunded]
            await uow.stock.put_back(sale_id, cmd.refund_id, back, now)
        uow.publish(sale_id, event)
        await uow.commit()
    return RefundOutcome(Outcome.RECORDED, receipt)


async def void_sale(
    command: commands.VoidFromTerminal, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> dict[str, Any]:
    """Cancel a sale in the open shift it was made in, if nothing of it was refunded or paid
    out. Voiding a voided sale again changes nothing."""
    sale_id, cmd, terminal = command.sale_id, command.void, command.terminal
    access.run_shop_or_own_terminal(command.shop)
    async with uow:
        sale = await _locked_sale(uow, sale_id)
        if sale.terminal_id != terminal.terminal_id:
            raise ForbiddenForTerminal(f"sale {sale_id} was made by another terminal")
        if sale.voided:
            return {"sale_id": str(sale_id), "voided": True}
        shift = await uow.shifts.open_of(terminal.terminal_id, hold=True)
        if sale.shift_id is None or shift is None or shift.shift_id != sale.shift_id:
            raise VoidRejected(
                f"sale {sale_id} is not in this terminal's open shift; refund it instead"
            )
        lines = await uow.sales.lines(sale_id)
        if any(line.refunded_quantity for line in lines):
            raise VoidRejected(f"sale {sale_id} was partly refunded; refund the rest instead")
        if any(line.settled for line in lines):
            raise VoidRejected(f"sale {sale_id} was already settled; refund it instead")
        now = clock()
        await uow.sales.void(sale_id, now, cmd.reason)
        if sale.location is TerminalLocation.SHOP:
            back = [StockLine(ln.product_id, ln.producer_id, ln.quantity) for ln in lines]
            await uow.stock.put_back(sale_id, None, back, now, kind="void")
        await uow.sales.mark_due((line.producer_id, sale.business_day) for line in lines)
        uow.publish(sale_id, SaleVoided(sale, terminal.terminal_id, cmd.reason, now))
        await uow.commit()
    return {"sale_id": str(sale_id), "voided": True}
