"""Consignment settlements: every sale line and refund line is paid out exactly once.

A run for a period takes every line of the period not yet paid. A producer's first statement
for that exact period is its settlement; lines that turn up later (a backlog uploaded after
the run, a refund recorded late) go into a correction that names the original. Runs are
serialised with an advisory lock, and each line records the settlement that paid it."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from services.sales.domain.errors import InvalidInput
from services.sales.domain.events import SettlementIssued
from services.sales.domain.settlement import statement
from services.sales.service_layer import access, commands
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]
MAX_PERIOD = timedelta(days=366)


async def issue_settlements(
    cmd: commands.SettlePeriod, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> list[SettlementIssued]:
    """The settlements (and corrections) this run issued; none when everything in the period
    was already paid."""
    start, end = cmd.period.period_start, cmd.period.period_end
    commission_percent = cmd.commission_percent
    now = clock()
    if start > end:
        raise InvalidInput("period_start is after period_end")
    if end - start >= MAX_PERIOD:
        raise InvalidInput("a settlement period is at most 366 days")
    if end >= business_day(now):
        raise InvalidInput(
            f"a period can be settled once it is over: period_end must be before "
            f"{business_day(now).isoformat()} (Asia/Bangkok)"
        )
    access.run_shop(cmd.shop)
    issued: list[SettlementIssued] = []
    async with uow:
        await uow.settlements.serialise()
        sold: dict[uuid.UUID, list[tuple[uuid.UUID, int, int]]] = defaultdict(list)
        for r in await uow.settlements.unsettled_sale_lines(start, end):
            sold[r["producer_id"]].append((r["sale_id"], r["line_no"], r["net_satang"]))
        taken: dict[uuid.UUID, list[tuple[uuid.UUID, int, int]]] = defaultdict(list)
        for r in await uow.settlements.unsettled_refund_lines(start, end):
            taken[r["producer_id"]].append((r["refund_id"], r["line_no"], r["amount_satang"]))
        originals = await uow.settlements.originals(start, end)
        for producer_id in sorted(set(sold) | set(taken)):
            lines, refunds = sold.get(producer_id, []), taken.get(producer_id, [])
            figures = statement(
                producer_id,
                [(sale_id, net) for sale_id, _, net in lines],
                [amount for _, _, amount in refunds],
                commission_percent,
            )
            settlement_id = uuid.uuid4()
            event = SettlementIssued(
                settlement_id, figures, start, end, originals.get(producer_id), now
            )
            await uow.settlements.add(
                settlement_id=settlement_id,
                producer_id=producer_id,
                start=start,
                end=end,
                corrects=event.corrects,
                figures={
                    "sale_count": figures.sale_count,
                    "gross": figures.gross,
                    "refunds": figures.refunds,
                    "net": figures.net,
                    "commission": figures.commission,
                    "payout": figures.payout,
                    "issued_at": now,
                },
                commission_percent=commission_percent,
                sale_lines=[(sale_id, n) for sale_id, n, _ in lines],
                refund_lines=[(refund_id, n) for refund_id, n, _ in refunds],
            )
            uow.publish(producer_id, event)
            # The event is keyed by producer; the trail also finds it by the settlement.
            uow.audit("settlement.issued", "settlement", settlement_id)
            issued.append(event)
        await uow.commit()
    return issued
