"""Daily summaries per producer and business day, published once the day is over.

Every sale, refund or void marks its producer days as due; a run takes the due days that are
over (SKIP LOCKED, so replicas share the work without doing it twice), computes the day's
figures and publishes them as revision 1, or as the next revision when they changed since the
last one (sales uploaded late)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from services.sales.domain.errors import InvalidInput
from services.sales.domain.events import DaySummarised
from services.sales.service_layer import commands
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


async def _figures(uow: SalesUnitOfWork, producer_id: uuid.UUID, day: date) -> dict[str, Any]:
    sold = await uow.summaries.sold(producer_id, day)
    refunded = await uow.summaries.refunded(producer_id, day)
    products: dict[uuid.UUID, dict[str, Any]] = {}
    for r in sold:
        products[r["product_id"]] = {"sku": r["sku"], "sold": r["quantity"], "net": r["net"]}
    for r in refunded:
        entry = products.setdefault(r["product_id"], {"sku": r["sku"], "sold": 0, "net": 0})
        entry["refunded"] = r["quantity"]
        entry["refunded_amount"] = r["amount"]
    sale_ids = {sid for r in sold for sid in r["sale_ids"]}
    return {
        "sale_count": len(sale_ids),
        "items_sold": sum(r["quantity"] for r in sold),
        "gross": sum(r["net"] for r in sold),
        "refunds": sum(r["amount"] for r in refunded),
        "products": [
            {
                "product_id": str(pid),
                "sku": p["sku"],
                "sold": p["sold"],
                "refunded": p.get("refunded", 0),
                "net": p["net"] - p.get("refunded_amount", 0),
            }
            for pid, p in sorted(products.items(), key=lambda kv: kv[1]["sku"])
        ],
    }


async def _summarise(
    uow: SalesUnitOfWork, producer_id: uuid.UUID, day: date, now: datetime
) -> DaySummarised | None:
    figures = await _figures(uow, producer_id, day)
    latest = await uow.summaries.latest(producer_id, day)
    if latest is None and figures["sale_count"] == 0 and figures["refunds"] == 0:
        return None
    if latest is not None and latest[1] == figures:
        return None
    revision = 1 if latest is None else latest[0] + 1
    if not await uow.summaries.add(producer_id, day, revision, figures, now):
        return None
    summary = DaySummarised.of(producer_id, day, revision, figures, now)
    uow.publish(producer_id, summary)
    return summary


async def summarise_due(
    uow: SalesUnitOfWork, clock: Clock = now_bangkok, limit: int = 200
) -> list[DaySummarised]:
    """Publish the summaries of due producer days that are over; one batch per call."""
    now = clock()
    published: list[DaySummarised] = []
    async with uow:
        for producer_id, day in await uow.summaries.due(business_day(now), limit):
            summary = await _summarise(uow, producer_id, day, now)
            if summary is not None:
                published.append(summary)
            await uow.summaries.done(producer_id, day)
        await uow.commit()
    return published


async def summarise_day(
    cmd: commands.SummariseDay, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> list[DaySummarised]:
    """Staff run for one day: every producer with activity that day gets its summary (a new
    revision only where the figures changed)."""
    day = cmd.business_day
    now = clock()
    if day >= business_day(now):
        raise InvalidInput(
            f"{day.isoformat()} is not over yet (Asia/Bangkok): summaries are for past days"
        )
    published: list[DaySummarised] = []
    async with uow:
        await uow.summaries.serialise()
        held = await uow.summaries.lock_due_of(day)
        for producer_id in await uow.summaries.producers_of(day):
            summary = await _summarise(uow, producer_id, day, now)
            if summary is not None:
                published.append(summary)
            if producer_id in held:
                # Only marks read before the figures; a later one stays due for the next run.
                await uow.summaries.done(producer_id, day)
        await uow.commit()
    return published
