"""registry.products.v1: tell a producer their product was rated; keep each product's SKU
and names for the notices that name it."""

from __future__ import annotations

from services.notifications.service_layer.notify import Clock, NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.contracts.registry import ProductListed, ProductRated, ProductSnapshot, ProductUpdated
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok


async def on_product_rated(
    data: ProductRated,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = data.model_dump(
        mode="json",
        include={"sku", "round_year", "stars", "previous_stars", "current_stars", "rated_on"},
    )
    request = NotificationRequest(NotificationKind.PRODUCT_RATED, data.member_id, metadata, context)
    async with uow:
        await notify(uow, request, clock)
        await uow.commit()


async def on_product_named(
    data: ProductSnapshot, metadata: EventMetadata, uow: NotificationsUnitOfWork
) -> None:
    async with uow:
        await uow.names.keep_product(
            data.product_id, data.version, data.sku, data.name_th, data.name_en
        )
        await uow.commit()


HANDLERS: EventHandlers = {
    ProductRated: on_product_rated,
    ProductListed: on_product_named,
    ProductUpdated: on_product_named,
}
