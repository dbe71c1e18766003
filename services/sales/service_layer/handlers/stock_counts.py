"""Stock counts (a product's lots counted and adjusted, idempotent by the count's id) and the
producers told of lots nearing their best-before date."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from services.sales.domain import consignment as rules
from services.sales.domain.consignment import ShopProduct
from services.sales.domain.errors import NotFound
from services.sales.domain.stock import Lot
from services.sales.service_layer import access
from services.sales.service_layer.handlers.consignment import Clock, lot_expiring, seen
from services.sales.service_layer.shop_commands import CountStock
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts import consignment as contract
from shared.identity.actor import current_actor
from shared.timeutil import now_bangkok


async def count(
    body: CountStock, uow: SalesUnitOfWork, shop: str, clock: Clock = now_bangkok
) -> tuple[bool, dict[str, Any]]:
    """Count a product's lots: each lot named is set to what was counted (an adjustment for
    the difference), units on no lot are adjusted away, and the count flag clears."""
    access.run_shop(shop)
    async with uow:
        hash_ = body.fingerprint()
        if await seen(uow, "count", body.count_id, hash_):
            return False, {"count_id": body.count_id}
        product = (await uow.shop.products([body.product_id])).get(body.product_id)
        if product is None:
            raise NotFound(f"ไม่พบสินค้า {body.product_id} / there is no product {body.product_id}")
        held = await uow.shop.hold({product.product_id: product.producer_id})
        shelf = held[product.product_id]
        known = {lot.lot_code: lot for _, lot, _ in await uow.shop.lots([product.product_id])}
        # Units on no lot (a backlog sale below zero) are counted away with the lots.
        loose = shelf["on_hand"] - sum(lot.on_hand for lot in known.values())
        now = clock()
        fresh = [ln.lot_code for ln in body.lines if ln.lot_code not in known]
        for code in fresh:
            known[code] = Lot(uuid.uuid4(), code, None, now, 0)
        await uow.shop.add_lots(
            [
                (known[c].lot_id, product.product_id, product.producer_id, c, None, now)
                for c in fresh
            ]
        )
        moves, rows, adjustments = [], [], []
        for ln in body.lines:
            lot = known[ln.lot_code]
            difference = ln.counted - lot.on_hand
            rows.append((lot.lot_id, ln.lot_code, lot.on_hand, ln.counted))
            adjustments.append(
                contract.Adjustment(
                    lot_code=ln.lot_code,
                    expected=lot.on_hand,
                    counted=ln.counted,
                    difference=difference,
                )
            )
            if difference:
                moves.append(
                    (
                        product.product_id,
                        product.producer_id,
                        lot.lot_id,
                        "adjustment",
                        difference,
                        None,
                        body.count_id,
                        body.reason,
                        now,
                    )
                )
            lot.on_hand = ln.counted
        in_lots = sum(lot.on_hand for lot in known.values())
        if loose:
            moves.append(
                (
                    product.product_id,
                    product.producer_id,
                    None,
                    "adjustment",
                    -loose,
                    None,
                    body.count_id,
                    body.reason,
                    now,
                )
            )
        await uow.shop.add_count(
            (body.count_id, product.product_id, body.reason, current_actor().id, hash_, now), rows
        )
        await uow.shop.move(moves, counted=[product.product_id], touched=[product.product_id])
        event = contract.StockCounted(
            producer_id=product.producer_id,
            product_id=product.product_id,
            sku=product.sku,
            name_th=product.name_th,
            name_en=product.name_en,
            count_id=body.count_id,
            reason=body.reason,
            adjustments=adjustments,
            on_hand=in_lots,
            counted_at=now,
        )
        uow.publish(product.producer_id, event)
        for alert in await uow.shop.low_alerts([product.product_id], now):
            uow.publish(alert.producer_id, alert)
        await uow.commit()
    return True, event.model_dump(mode="json")


async def tell_expiring_lots(uow: SalesUnitOfWork, clock: Clock = now_bangkok) -> int:
    """Tell producers, once per lot, of lots on hand within the notice period of their
    best-before date (the daily job, and after each intake)."""
    now = clock()
    today = now.date()
    async with uow:
        rows = await uow.shop.expiring_lots(today + timedelta(days=rules.EXPIRY_NOTICE_DAYS))
        for r in rows:
            product = ShopProduct(
                r["product_id"],
                r["producer_id"],
                r["sku"] or "",
                r["name_th"],
                r["name_en"],
                None,
                True,
                None,
            )
            lot = Lot(r["lot_id"], r["lot_code"], r["best_before"], now, r["on_hand"])
            uow.publish(r["producer_id"], lot_expiring(product, r["producer_id"], lot, today, now))
        await uow.shop.mark_expiry_told([r["lot_id"] for r in rows])
        await uow.commit()
    return len(rows)
