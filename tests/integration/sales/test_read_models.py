"""The products and events read models ignore duplicates and stale versions."""

from __future__ import annotations

import uuid

from services.sales.adapters.catalogue import products_by_sku, showcase_event, upsert_event
from shared.contracts.registry import ProductStatus
from shared.service.runtime import runtime_of
from tests.integration.sales.tills import list_product


async def test_a_stale_product_version_arriving_late_changes_nothing(sales_app):
    product_id = uuid.uuid4()
    producer = uuid.uuid4()
    await list_product(sales_app, "SK-V", "10.00", producer, product_id=product_id, version=1)
    await list_product(
        sales_app,
        "SK-V",
        "12.00",
        producer,
        product_id=product_id,
        version=3,
        status=ProductStatus.DELISTED,
    )
    await list_product(sales_app, "SK-V", "11.00", producer, product_id=product_id, version=2)
    await list_product(sales_app, "SK-V", "11.00", producer, product_id=product_id, version=2)
    async with runtime_of(sales_app).pool.acquire() as conn:
        found = await products_by_sku(conn, ["SK-V"])
    assert found["SK-V"].price == 1200
    assert found["SK-V"].listed is False


async def test_an_event_closed_before_it_was_seen_published_stays_closed(sales_app):
    event_id = uuid.uuid4()
    async with runtime_of(sales_app).pool.acquire() as conn:
        await upsert_event(conn, event_id, None, "closed", 4)
        await upsert_event(conn, event_id, "showcase", "published", 1)
        row = await showcase_event(conn, event_id)
    assert (row["status"], row["version"]) == ("closed", 4)


async def test_a_closed_event_keeps_the_kind_it_was_published_with(sales_app):
    """`event.closed` does not say the kind: the row keeps the one already known."""
    event_id = uuid.uuid4()
    async with runtime_of(sales_app).pool.acquire() as conn:
        await upsert_event(conn, event_id, "showcase", "published", 1)
        await upsert_event(conn, event_id, None, "closed", 2)
        row = await showcase_event(conn, event_id)
    assert (row["kind"], row["status"], row["version"]) == ("showcase", "closed", 2)
