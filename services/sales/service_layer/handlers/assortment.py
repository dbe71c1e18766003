"""The shop committee's assortment: proposals, approvals, declines, withdrawals. Leaving the
assortment (a withdrawal, or the registry delisting the product) with units on hand asks the
producer to collect them (`stock.recall_requested`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.sales.domain import assortment as rules
from services.sales.domain.assortment import AssortmentItem
from services.sales.domain.consignment import ShopProduct
from services.sales.domain.errors import NotFound
from services.sales.service_layer import access
from services.sales.service_layer.shop_commands import (
    ApproveProduct,
    DecideWithReason,
    ProposeProduct,
)
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts import consignment as contract
from shared.identity.actor import authorize, current_actor
from shared.identity.roles import Action
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]

EVENT_OF: dict[contract.AssortmentState, type[contract.AssortmentChanged]] = {
    contract.AssortmentState.PROPOSED: contract.AssortmentProposed,
    contract.AssortmentState.APPROVED: contract.AssortmentApproved,
    contract.AssortmentState.DECLINED: contract.AssortmentDeclined,
    contract.AssortmentState.WITHDRAWN: contract.AssortmentWithdrawn,
}


def changed(item: AssortmentItem, product: ShopProduct, at: datetime) -> contract.AssortmentChanged:
    return EVENT_OF[item.state](
        producer_id=item.producer_id,
        product_id=item.product_id,
        sku=product.sku,
        name_th=product.name_th,
        name_en=product.name_en,
        state=item.state,
        note=item.note,
        reason=item.reason,
        low_stock_at=item.low_stock_at,
        at=at,
    )


def recall(
    product: ShopProduct, on_hand: int, reason: str, at: datetime
) -> contract.RecallRequested | None:
    if on_hand <= 0:
        return None
    return contract.RecallRequested(
        producer_id=product.producer_id,
        product_id=product.product_id,
        sku=product.sku,
        name_th=product.name_th,
        name_en=product.name_en,
        on_hand=on_hand,
        reason=reason,
        at=at,
    )


async def _product(uow: SalesUnitOfWork, product_id: uuid.UUID) -> ShopProduct:
    found = (await uow.shop.products([product_id])).get(product_id)
    if found is None:
        raise NotFound(f"ไม่พบสินค้า {product_id} / there is no product {product_id}")
    return found


def item_view(item: AssortmentItem, product: ShopProduct) -> dict[str, Any]:
    return {
        "product_id": item.product_id,
        "producer_id": item.producer_id,
        "sku": product.sku,
        "name_th": product.name_th,
        "name_en": product.name_en,
        "category": product.category,
        "listed": product.listed,
        "state": item.state.value,
        "proposed_at": item.proposed_at,
        "proposed_by": item.proposed_by,
        "note": item.note,
        "decided_at": item.decided_at,
        "decided_by": item.decided_by,
        "reason": item.reason,
        "low_stock_at": item.low_stock_at,
        "version": item.version,
    }


async def propose(
    body: ProposeProduct, uow: SalesUnitOfWork, shop: str, clock: Clock = now_bangkok
) -> dict[str, Any]:
    """Propose a listed product (RUN_SHOP, or MANAGE_MEMBERS in the producer's district)."""
    async with uow:
        product = await _product(uow, body.product_id)
        actor = current_actor()
        if not actor.may(Action.RUN_SHOP, shop):
            district = await uow.producers.district(product.producer_id)
            if district is None:
                access.run_shop(shop)
            authorize(Action.MANAGE_MEMBERS, district)
        if not product.listed:
            raise rules.AssortmentStateConflict(
                f"{product.label} ถูกถอนจากทะเบียนแล้ว เสนอไม่ได้ / the product is delisted",
                state="delisted",
            )
        now = clock()
        item = rules.propose(
            await uow.shop.item(body.product_id, for_update=True),
            product.product_id,
            product.producer_id,
            body.note,
            actor.id,
            now,
        )
        await uow.shop.save_item(item)
        uow.publish(item.producer_id, changed(item, product, now))
        await uow.commit()
    return item_view(item, product)


async def decide(
    product_id: uuid.UUID,
    decision: str,
    body: ApproveProduct | DecideWithReason,
    uow: SalesUnitOfWork,
    shop: str,
    clock: Clock = now_bangkok,
) -> dict[str, Any]:
    """Approve, decline or withdraw (RUN_SHOP); a withdrawal with units on hand asks the
    producer to collect them."""
    access.run_shop(shop)
    async with uow:
        product = await _product(uow, product_id)
        item = await uow.shop.item(product_id, for_update=True)
        if item is None:
            raise NotFound(
                f"สินค้า {product.label} ยังไม่ถูกเสนอให้ร้าน / {product_id} was never proposed"
            )
        now, by = clock(), current_actor().id
        if isinstance(body, ApproveProduct):
            item = rules.approve(item, by, now, body.low_stock_at)
            # Its stock row, at zero until a delivery: a till's sale holds it from now on, so
            # a first delivery and a sale of the product take turns over its lots.
            await uow.shop.hold({product_id: item.producer_id})
        elif decision == "decline":
            item = rules.decline(item, by, now, body.reason)
        else:
            item = rules.withdraw(item, by, now, body.reason)
        await uow.shop.save_item(item)
        uow.publish(item.producer_id, changed(item, product, now))
        if decision == "withdraw":
            asked = recall(product, await uow.shop.on_hand(product_id), "withdrawn", now)
            if asked is not None:
                uow.publish(item.producer_id, asked)
        await uow.commit()
    return item_view(item, product)
