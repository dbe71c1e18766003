"""Products and showcase events reach the read models through handlers keyed by contract
class, each with its unit of work."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from services.sales.domain.catalogue import ProductChange, sold_under_sku
from services.sales.domain.pricing import CatalogueProduct
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


def _known(sku: str, listed: bool, version: int) -> ProductChange:
    product = CatalogueProduct(uuid.uuid4(), uuid.uuid4(), sku, 1000 + version, listed)
    return ProductChange(product, version)


def test_a_sku_sells_its_listed_product_before_a_delisted_one_then_the_newest():
    old_listed, new_delisted = _known("SK-1", True, 1), _known("SK-1", False, 5)
    newer_listed, other = _known("SK-1", True, 2), _known("SK-2", False, 1)
    chosen = sold_under_sku([old_listed, new_delisted, newer_listed, other])
    assert chosen == {"SK-1": newer_listed.product, "SK-2": other.product}
    assert sold_under_sku([new_delisted]) == {"SK-1": new_delisted.product}
