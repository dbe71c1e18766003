"""Daily summaries per producer: published once a day is over, revised for late uploads."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest

from services.sales.adapters.contract_events import to_contract
from services.sales.adapters.summaries import PostgresSummaryRepository
from services.sales.service_layer.commands import SummariseDay
from services.sales.service_layer.handlers.summaries import summarise_day, summarise_due
from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK, now_bangkok
from tests.conftest import ADMIN_TOKEN, eventually
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    list_product,
    register_terminal,
    sale_body,
)


async def _summaries(sales_app) -> list[dict]:
    async with runtime_of(sales_app).pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT envelope FROM outbox WHERE event_type = 'sales.daily_summary' ORDER BY id"
        )
    return [r["envelope"]["data"] for r in rows]


async def test_a_finished_day_is_summarised_per_producer_and_revised_for_late_sales(
    sales_app, staff, producer
):
    other = await list_product(sales_app, "SK-D2", "20.00")
    await list_product(sales_app, "SK-D1", "100.00", producer)
    day = now_bangkok().date() - timedelta(days=1)
    noon = datetime.combine(day, time(12), tzinfo=BANGKOK)
    async with Till(sales_app, await register_terminal(staff)) as till:
        first = await till.batch(
            [
                sale_body([("SK-D1", 2, "100.00")], [("cash", "200.00")], occurred_at=noon),
                sale_body(
                    [("SK-D1", 1, "100.00"), ("SK-D2", 3, "20.00")],
                    [("cash", "160.00")],
                    occurred_at=noon,
                ),
            ]
        )
        sale_id = first.json()["results"][0]["sale_id"]
        await till.refund(sale_id, [(1, 1)])
        run = await staff.post("/v1/daily-summaries", json={"business_day": str(day)})
        assert run.status_code == 200, run.text
        published = {s["producer_id"]: s for s in run.json()["published"]}
        assert set(published) == {str(producer), str(other.member_id)}
        mine = published[str(producer)]
        assert (mine["revision"], mine["sale_count"], mine["items_sold"]) == (1, 2, 3)
        assert (mine["gross_sales"], mine["refunds"], mine["net_sales"]) == (
            "300.00",
            "100.00",
            "200.00",
        )
        assert mine["products"][0]["quantity_refunded"] == 1
        # Nothing changed: nothing new.
        again = await staff.post("/v1/daily-summaries", json={"business_day": str(day)})
        assert again.json() == {"published": []}
        # A late upload for that day brings revision 2 for its producer only.
        late = sale_body([("SK-D2", 1, "20.00")], [("cash", "20.00")], occurred_at=noon)
        await till.batch([late])
    revised = await summarise_due(runtime_of(sales_app).unit_of_work())
    assert [(str(s.producer_id), s.revision) for s in revised] == [(str(other.member_id), 2)]
    assert revised[0].items_sold == 4
    assert len(await _summaries(sales_app)) == 3
    assert await summarise_due(runtime_of(sales_app).unit_of_work()) == []


async def test_today_is_not_summarised_before_it_is_over(sales_app, staff):
    await list_product(sales_app, "SK-D3", "10.00")
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        await till.sell(sale_body([("SK-D3", 1, "10.00")], [("cash", "10.00")]))
    assert await summarise_due(runtime_of(sales_app).unit_of_work()) == []
    today = now_bangkok().date()
    refused = await staff.post("/v1/daily-summaries", json={"business_day": str(today)})
    assert_problem(refused, 422, "not over")
    tomorrow = lambda: now_bangkok() + timedelta(days=1)  # noqa: E731
    published = await summarise_due(runtime_of(sales_app).unit_of_work(), clock=tomorrow)
    assert [s.business_day for s in published] == [today]


async def test_two_replicas_summarising_at_once_publish_each_day_once(sales_app, staff):
    await list_product(sales_app, "SK-D4", "10.00")
    await list_product(sales_app, "SK-D5", "15.00")
    noon = datetime.combine(now_bangkok().date() - timedelta(days=2), time(12), tzinfo=BANGKOK)
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.batch(
            [
                sale_body([("SK-D4", 1, "10.00")], [("cash", "10.00")], occurred_at=noon),
                sale_body([("SK-D5", 1, "15.00")], [("cash", "15.00")], occurred_at=noon),
            ]
        )
    runs = await asyncio.gather(
        *(summarise_due(runtime_of(sales_app).unit_of_work()) for _ in range(4)),
        summarise_day(SummariseDay(business_day=noon.date()), runtime_of(sales_app).unit_of_work()),
    )
    assert sum(len(run) for run in runs) == 2
    assert len(await _summaries(sales_app)) == 2


async def test_the_background_job_publishes_finished_days(sales_dsn, servers, topics):
    async with (
        running_sales(
            sales_dsn, servers, sales_summary_job=True, sales_summary_interval_seconds=0.2
        ) as app,
        client_of(app, ADMIN_TOKEN) as staff,
    ):
        await list_product(app, "SK-D6", "30.00")
        yesterday = now_bangkok() - timedelta(days=1)
        async with Till(app, await register_terminal(staff)) as till:
            await till.batch(
                [sale_body([("SK-D6", 2, "30.00")], [("cash", "60.00")], occurred_at=yesterday)]
            )

        async def published() -> list[dict]:
            return await _summaries(app)

        [summary] = await eventually(published, timeout=15)
    assert summary["gross_sales"] == "60.00" and summary["revision"] == 1


async def _waiting_on_a_lock(sales_app) -> bool:
    async with runtime_of(sales_app).pool.acquire() as conn:
        waiting: int = await conn.fetchval("SELECT count(*) FROM pg_locks WHERE NOT granted")
    return waiting > 0


@pytest.mark.parametrize("run", ["job", "staff"])
async def test_a_late_sale_committed_while_its_day_is_summarised_is_summarised_next(
    sales_app, staff, monkeypatch, run
):
    await list_product(sales_app, "SK-D7", "40.00")
    noon = datetime.combine(now_bangkok().date() - timedelta(days=1), time(12), tzinfo=BANGKOK)
    first = sale_body([("SK-D7", 1, "40.00")], [("cash", "40.00")], occurred_at=noon)
    late = sale_body([("SK-D7", 2, "40.00")], [("cash", "80.00")], occurred_at=noon)
    clear = PostgresSummaryRepository.done
    uploads: list[asyncio.Task] = []

    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.batch([first])

        async def upload_then_clear(self, producer_id, day):  # type: ignore[no-untyped-def]
            # The run has read its figures; the late sale arrives before it clears the mark.
            uploads.append(asyncio.create_task(till.batch([late])))

            async def settled() -> bool:
                return uploads[0].done() or await _waiting_on_a_lock(sales_app)

            await eventually(settled)
            await clear(self, producer_id, day)

        monkeypatch.setattr(PostgresSummaryRepository, "done", upload_then_clear)
        uow = runtime_of(sales_app).unit_of_work()
        if run == "job":
            [summary] = await summarise_due(uow)
        else:
            [summary] = await summarise_day(SummariseDay(business_day=noon.date()), uow)
        monkeypatch.setattr(PostgresSummaryRepository, "done", clear)
        assert (await uploads[0]).json()["recorded"] == 1
    assert (summary.revision, summary.items_sold) == (1, 1)
    [revised] = await summarise_due(runtime_of(sales_app).unit_of_work())
    published = to_contract(revised)
    assert (published.revision, published.items_sold, published.gross_sales) == (
        2,
        3,
        Decimal("120"),
    )
