"""Consignment notes and stock counts: a producer's delivery taken in (CN-…), stock given back
(RN-…), a product's lots counted and adjusted. Each is idempotent by the id the client gave
it: the same body again is answered as stored, another body under the id is a conflict."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from services.sales.domain import consignment as rules
from services.sales.domain.consignment import IntakeLine, ShopProduct
from services.sales.domain.errors import SaleConflict
from services.sales.domain.stock import Lot
from services.sales.service_layer import access
from services.sales.service_layer.shop_commands import (
    ReceiveConsignment,
    ReturnConsignment,
)
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts import consignment as contract
from shared.identity.actor import current_actor
from shared.timeutil import BANGKOK, now_bangkok

Clock = Callable[[], datetime]


async def seen(uow: SalesUnitOfWork, kind: str, request_id: uuid.UUID, hash_: str) -> bool:
    stored = await uow.shop.request_hash(kind, request_id)
    if stored is None:
        return False
    if stored != hash_:
        raise SaleConflict(
            f"รหัส {request_id} ถูกใช้กับรายการอื่นแล้ว / {request_id} was already used for "
            "a different request; a new one needs a new id",
            request_id=str(request_id),
        )
    return True


def _line(product: ShopProduct, lot: Lot | None, quantity: int) -> contract.NoteLine:
    return contract.NoteLine(
        product_id=product.product_id,
        name_th=product.name_th,
        name_en=product.name_en,
        lot_code=lot.lot_code if lot else None,
        best_before=lot.best_before if lot else None,
        quantity=quantity,
    )


def lot_expiring(
    product: ShopProduct, producer_id: uuid.UUID, lot: Lot, today: date, now: datetime
) -> contract.LotExpiring:
    assert lot.best_before is not None
    return contract.LotExpiring(
        producer_id=producer_id,
        product_id=product.product_id,
        sku=product.sku,
        name_th=product.name_th,
        name_en=product.name_en,
        lot_code=lot.lot_code,
        best_before=lot.best_before,
        days_left=rules.days_left(lot.best_before, today),
        on_hand=max(lot.on_hand, 0),
        at=now,
    )


async def receive(
    body: ReceiveConsignment, uow: SalesUnitOfWork, shop: str, clock: Clock = now_bangkok
) -> tuple[bool, uuid.UUID]:
    """Take in a delivery; (True when stored now, the note's id)."""
    access.run_shop(shop)
    async with uow:
        if await seen(uow, "note", body.note_id, body.fingerprint()):
            return False, body.note_id
        ids = {line.product_id for line in body.lines}
        products = await uow.shop.products(ids)
        lines = [
            IntakeLine(ln.product_id, ln.quantity, ln.lot_code, ln.best_before) for ln in body.lines
        ]
        await uow.shop.hold({p: body.producer_id for p in ids})
        found = await uow.shop.lots(ids)
        known = {(p, lot.lot_code): lot for p, lot, _ in found}
        told = {(p, lot.lot_code) for p, lot, was_told in found if was_told}
        rules.check_intake(body.producer_id, lines, products, known)
        now = clock()
        at = (body.occurred_at or now).astimezone(BANGKOK)
        fresh = {
            (ln.product_id, ln.lot_code): Lot(uuid.uuid4(), ln.lot_code, ln.best_before, at, 0)
            for ln in lines
            if (ln.product_id, ln.lot_code) not in known
        }
        # A lot known without a date (one a count found) takes the date it comes with now.
        dated = {}
        for ln in lines:
            lot = known.get((ln.product_id, ln.lot_code))
            if lot is not None and lot.best_before is None and ln.best_before is not None:
                lot.best_before = ln.best_before
                dated[(ln.product_id, ln.lot_code)] = lot
        await uow.shop.add_lots(
            [
                (lot.lot_id, p, body.producer_id, code, lot.best_before, at)
                for (p, code), lot in (fresh | dated).items()
            ]
        )
        lots = known | fresh
        number = rules.note_number("intake", at, await uow.shop.next_number("intake"))
        head = (
            body.note_id,
            "intake",
            number,
            body.producer_id,
            body.delivered_by,
            current_actor().id,
            None,
            body.fingerprint(),
            at,
        )
        await uow.shop.add_note(
            head,
            [
                (
                    n,
                    ln.product_id,
                    lots[(ln.product_id, ln.lot_code)].lot_id,
                    ln.lot_code,
                    lots[(ln.product_id, ln.lot_code)].best_before,
                    ln.quantity,
                )
                for n, ln in enumerate(lines, 1)
            ],
        )
        await uow.shop.move(
            [
                (
                    ln.product_id,
                    body.producer_id,
                    lots[(ln.product_id, ln.lot_code)].lot_id,
                    "intake",
                    ln.quantity,
                    body.note_id,
                    None,
                    None,
                    at,
                )
                for ln in lines
            ]
        )
        note_lines = []
        for ln in lines:
            lot = lots[(ln.product_id, ln.lot_code)]
            lot.on_hand += ln.quantity
            note_lines.append(_line(products[ln.product_id], lot, ln.quantity))
        uow.publish(
            body.producer_id,
            contract.ConsignmentReceived(
                note_id=body.note_id,
                number=number,
                producer_id=body.producer_id,
                lines=note_lines,
                occurred_at=at,
            ),
        )
        today = now.date()
        delivered = {(ln.product_id, ln.lot_code) for ln in lines}
        soon = [
            (key, lots[key])
            for key in sorted(delivered, key=str)
            if key not in told and rules.expiring(lots[key].best_before, today)
        ]
        for (product_id, _), lot in soon:
            uow.publish(
                body.producer_id,
                lot_expiring(products[product_id], body.producer_id, lot, today, now),
            )
        await uow.shop.mark_expiry_told([lot.lot_id for _, lot in soon])
        await uow.commit()
    return True, body.note_id


async def give_back(
    body: ReturnConsignment, uow: SalesUnitOfWork, shop: str, clock: Clock = now_bangkok
) -> tuple[bool, uuid.UUID]:
    """Stock back to its producer (never more than on hand of the lot or product: 409)."""
    access.run_shop(shop)
    async with uow:
        if await seen(uow, "note", body.note_id, body.fingerprint()):
            return False, body.note_id
        ids = {line.product_id for line in body.lines}
        products = await uow.shop.products(ids)
        for line in body.lines:
            product = products.get(line.product_id)
            if product is None or product.producer_id != body.producer_id:
                raise rules.StockInputInvalid(
                    f"สินค้า {line.product_id} ไม่ใช่ของผู้ผลิตรายนี้ / product "
                    f"{line.product_id} is not this producer's"
                )
        await uow.shop.hold({p: body.producer_id for p in ids})
        lots: dict[uuid.UUID, list[Lot]] = {p: [] for p in ids}
        for product_id, lot, _ in await uow.shop.lots(ids):
            lots[product_id].append(lot)
        now = clock()
        at = (body.occurred_at or now).astimezone(BANGKOK)
        moves, note_rows, note_lines = [], [], []
        for line in body.lines:
            product = products[line.product_id]
            for taking in rules.take_back(
                product.label, lots[line.product_id], line.quantity, line.lot_code
            ):
                lot = taking.lot
                moves.append(
                    (
                        line.product_id,
                        body.producer_id,
                        lot.lot_id,
                        "return",
                        -taking.quantity,
                        body.note_id,
                        None,
                        body.reason.value,
                        at,
                    )
                )
                note_rows.append(
                    (
                        len(note_rows) + 1,
                        line.product_id,
                        lot.lot_id,
                        lot.lot_code,
                        lot.best_before,
                        taking.quantity,
                    )
                )
                note_lines.append(_line(product, lot, taking.quantity))
        number = rules.note_number("return", at, await uow.shop.next_number("return"))
        head = (
            body.note_id,
            "return",
            number,
            body.producer_id,
            body.collected_by,
            current_actor().id,
            body.reason.value,
            body.fingerprint(),
            at,
        )
        await uow.shop.add_note(head, note_rows)
        await uow.shop.move(moves)
        low = await uow.shop.low_alerts(ids, now)
        uow.publish(
            body.producer_id,
            contract.ConsignmentReturned(
                note_id=body.note_id,
                number=number,
                producer_id=body.producer_id,
                reason=body.reason,
                lines=note_lines,
                occurred_at=at,
            ),
        )
        for alert in low:
            uow.publish(alert.producer_id, alert)
        await uow.commit()
    return True, body.note_id
