"""Keeping the read models of products and showcase events from other services' events.

Each handler runs inside the consumer's inbox transaction (its unit of work a savepoint on
it); a stale or repeated version changes nothing the read model already knows."""

from __future__ import annotations

from dataclasses import dataclass

from services.sales.domain.catalogue import EventChange, ProductChange
from services.sales.domain.pricing import CatalogueProduct
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.consignment import RecallRequested
from shared.contracts.events import (
    EventCancelled,
    EventClosed,
    EventPublished,
    EventSnapshot,
    EventStatus,
    EventUpdated,
)
from shared.contracts.registry import (
    ProductDelisted,
    ProductListed,
    ProductSnapshot,
    ProductStatus,
    ProductUpdated,
)
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.money import to_satang


@dataclass(frozen=True)
class DescribedProductChange(ProductChange):
    """A product change from a registry snapshot, with the product's description as the
    snapshot says it (None: the product has none, or the snapshot predates descriptions)."""

    description_th: str | None = None
    description_en: str | None = None


def product_change(product: ProductSnapshot) -> DescribedProductChange:
    """A product as one registry event describes it, at the product's version."""
    return DescribedProductChange(
        CatalogueProduct(
            product_id=product.product_id,
            producer_id=product.member_id,
            sku=product.sku,
            price=to_satang(product.price),
            listed=product.status is ProductStatus.LISTED,
        ),
        product.version,
        name_th=product.name_th,
        name_en=product.name_en,
        category=product.category.value,
        unit=product.unit,
        description_th=product.description_th,
        description_en=product.description_en,
    )


async def _keep_event(uow: SalesUnitOfWork, change: EventChange) -> None:
    async with uow:
        await uow.catalogue.keep_event(change)
        await uow.commit()


async def on_product_described(
    data: ProductSnapshot, metadata: EventMetadata, uow: SalesUnitOfWork
) -> None:
    """A product listed, changed or delisted: its SKU, price, producer, status, names and
    description."""
    async with uow:
        await uow.catalogue.keep_product(product_change(data))
        await uow.commit()


async def on_product_delisted(
    data: ProductDelisted, metadata: EventMetadata, uow: SalesUnitOfWork
) -> None:
    """A delisted product is sold no more; units of it the shop holds are called back."""
    async with uow:
        await uow.catalogue.keep_product(product_change(data))
        item = await uow.shop.item(data.product_id)
        on_hand = await uow.shop.on_hand(data.product_id)
        if item is not None and on_hand > 0:
            uow.publish(
                data.member_id,
                RecallRequested(
                    producer_id=data.member_id,
                    product_id=data.product_id,
                    sku=data.sku,
                    name_th=data.name_th,
                    name_en=data.name_en,
                    on_hand=on_hand,
                    reason="delisted",
                    at=metadata.occurred_at,
                ),
            )
        await uow.commit()


async def on_event_described(
    data: EventSnapshot, metadata: EventMetadata, uow: SalesUnitOfWork
) -> None:
    """A showcase event published or changed: its kind, status and dates."""
    await _keep_event(
        uow,
        EventChange(
            data.event_id,
            data.version,
            data.status.value,
            kind=data.kind.value,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
        ),
    )


async def on_event_cancelled(
    data: EventCancelled, metadata: EventMetadata, uow: SalesUnitOfWork
) -> None:
    """A cancelled event sells no more from when it was cancelled."""
    await _keep_event(
        uow,
        EventChange(
            data.event_id,
            data.version,
            EventStatus.CANCELLED.value,
            kind=data.kind.value,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            ended_at=data.cancelled_at,
        ),
    )


async def on_event_closed(data: EventClosed, metadata: EventMetadata, uow: SalesUnitOfWork) -> None:
    """A closed event sells no more from when it closed; its kind and dates stay as known."""
    await _keep_event(
        uow,
        EventChange(data.event_id, data.version, EventStatus.CLOSED.value, ended_at=data.closed_at),
    )


PRODUCT_HANDLERS: EventHandlers = {
    ProductListed: on_product_described,
    ProductUpdated: on_product_described,
    ProductDelisted: on_product_delisted,
}
SHOWCASE_HANDLERS: EventHandlers = {
    EventPublished: on_event_described,
    EventUpdated: on_event_described,
    EventCancelled: on_event_cancelled,
    EventClosed: on_event_closed,
}
