"""Products and showcase events reach the read models through handlers keyed by contract
class, each with its unit of work."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from services.sales.service_layer.catalogue_events import PRODUCT_HANDLERS, SHOWCASE_HANDLERS
from shared.contracts.events import EventClosed
from shared.contracts.registry import ProductCategory, ProductDelisted, ProductStatus
from shared.messaging.bus import EventMetadata
from tests.unit.sales.fakes import FakeSalesUnitOfWork

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)


def _metadata(event_type: str) -> EventMetadata:
    return EventMetadata(
        event_id=uuid.uuid4(),
        event_type=event_type,
        event_version=1,
        occurred_at=NOW,
        producer="test",
        aggregate_id="x",
        correlation_id=uuid.uuid4(),
        causation_id=None,
        topic="t",
    )


async def test_a_delisted_product_is_kept_as_not_sellable():
    uow = FakeSalesUnitOfWork()
    delisted = ProductDelisted(
        product_id=uuid.uuid4(),
        member_id=uuid.uuid4(),
        version=2,
        sku="SK-9",
        name_th="น้ำพริก",
        category=ProductCategory.FOOD,
        unit="กระปุก",
        price=Decimal("45.50"),
        certifications=[],
        status=ProductStatus.DELISTED,
        province_code="90",
    )
    await PRODUCT_HANDLERS[ProductDelisted](delisted, _metadata("product.delisted"), uow)
    kept = uow.state.products["SK-9"]
    assert (kept.price, kept.listed, kept.producer_id) == (4550, False, delisted.member_id)


async def test_a_closed_event_keeps_the_kind_already_known():
    uow = FakeSalesUnitOfWork()
    event_id = uuid.uuid4()
    uow.state.events[event_id] = ("showcase", "published")
    closed = EventClosed(
        event_id=event_id,
        version=3,
        closed_at=NOW - timedelta(hours=1),
        confirmed=10,
        attended=8,
        no_shows=2,
    )
    await SHOWCASE_HANDLERS[EventClosed](closed, _metadata("event.closed"), uow)
    assert uow.state.events[event_id] == ("showcase", "closed")
