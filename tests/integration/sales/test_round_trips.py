"""What one sale sends to PostgreSQL: its statements counted, so a change that adds a round
trip to the hot path is seen."""

from __future__ import annotations

from tests.integration.sales.round_trips import statements_sent
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body


async def test_a_live_sale_takes_few_round_trips(sales_app, staff, producer):
    await list_product(sales_app, "SK-RT-1", "50.00", producer)
    await list_product(sales_app, "SK-RT-2", "20.00", producer)
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        lines = [("SK-RT-1", 2, "50.00"), ("SK-RT-2", 1, "20.00")]
        payments = [("cash", "100.00"), ("card", "20.00")]
        first = await till.sell(sale_body(lines, payments))  # statements prepared
        assert first.status_code == 201, first.text
        body = sale_body(lines, payments)
        with statements_sent() as sent:
            response = await till.sell(body)
        assert response.status_code == 201, response.text
        with statements_sent() as again:
            retry = await till.sell(body)
        assert retry.status_code == 200, retry.text
    # The key's lookup and its connection's reset, BEGIN, one read (the open shift held, the
    # ledger, the catalogue, and at the shop the assortment and the stock rows held), one
    # write (sale, lines, payments, summary marks, and the stock it takes: movements, lots,
    # shelves), the outbox and its notification, COMMIT, the reset.
    assert len(sent) <= 9, "\n".join(sent)
    # A retry reads and answers from the ledger: no write.
    assert len(again) <= 6, "\n".join(again)
    assert not [s for s in again if "INSERT" in s], "\n".join(again)


async def test_a_batch_takes_as_many_round_trips_as_one_sale(sales_app, staff, producer):
    await list_product(sales_app, "SK-RT-3", "30.00", producer)
    async with Till(sales_app, await register_terminal(staff)) as till:
        lines = [("SK-RT-3", 1, "30.00")]
        warm = await till.batch([sale_body(lines, [("cash", "30.00")])])
        assert warm.status_code == 200, warm.text
        sales = [sale_body(lines, [("cash", "30.00")]) for _ in range(50)]
        with statements_sent() as sent:
            response = await till.batch(sales)
        assert response.json()["recorded"] == 50, response.text
    assert len(sent) <= 9, "\n".join(sent)
