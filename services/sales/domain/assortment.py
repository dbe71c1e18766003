"""The shop's assortment: the products its committee selected. A product is proposed (again
after a decline or a withdrawal), then approved or declined with a reason; an approved or
proposed product can be withdrawn. Only approved products are sold at the shop."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from shared.contracts.consignment import AssortmentState
from shared.errors import Conflict, InvalidInput


class AssortmentStateConflict(Conflict):
    slug = "assortment-state"
    title = "สถานะรายการสินค้าของร้านไม่อนุญาต / The assortment state does not allow this"


class ReasonRequired(InvalidInput):
    slug = "reason-required"
    title = "ต้องระบุเหตุผล / A reason is required"


STATE_TH = {
    AssortmentState.PROPOSED: "เสนอแล้ว",
    AssortmentState.APPROVED: "อนุมัติแล้ว",
    AssortmentState.DECLINED: "ไม่อนุมัติ",
    AssortmentState.WITHDRAWN: "ถอนออกแล้ว",
}


@dataclass(frozen=True)
class AssortmentItem:
    product_id: uuid.UUID
    producer_id: uuid.UUID
    state: AssortmentState
    proposed_at: datetime
    proposed_by: str
    note: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    reason: str | None = None
    low_stock_at: int = 3
    version: int = 1


def _refuse(item: AssortmentItem, doing: str) -> AssortmentStateConflict:
    state = item.state
    return AssortmentStateConflict(
        f"สินค้านี้{STATE_TH[state]} จึง{doing[0]}ไม่ได้ / the product is {state.value}; "
        f"it cannot be {doing[1]}",
        state=state.value,
    )


def propose(
    item: AssortmentItem | None,
    product_id: uuid.UUID,
    producer_id: uuid.UUID,
    note: str | None,
    by: str,
    at: datetime,
) -> AssortmentItem:
    """A new proposal, or a declined or withdrawn product proposed again."""
    if item is None:
        return AssortmentItem(product_id, producer_id, AssortmentState.PROPOSED, at, by, note)
    if item.state in (AssortmentState.PROPOSED, AssortmentState.APPROVED):
        raise _refuse(item, ("เสนอซ้ำ", "proposed again"))
    return replace(
        item,
        state=AssortmentState.PROPOSED,
        proposed_at=at,
        proposed_by=by,
        note=note,
        decided_at=None,
        decided_by=None,
        reason=None,
        version=item.version + 1,
    )


def _decided(
    item: AssortmentItem, state: AssortmentState, by: str, at: datetime, reason: str | None
) -> AssortmentItem:
    return replace(
        item, state=state, decided_at=at, decided_by=by, reason=reason, version=item.version + 1
    )


def approve(
    item: AssortmentItem, by: str, at: datetime, low_stock_at: int | None
) -> AssortmentItem:
    if item.state is not AssortmentState.PROPOSED:
        raise _refuse(item, ("อนุมัติ", "approved"))
    approved = _decided(item, AssortmentState.APPROVED, by, at, None)
    return replace(
        approved, low_stock_at=item.low_stock_at if low_stock_at is None else low_stock_at
    )


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ReasonRequired("ต้องระบุเหตุผล / give the reason")
    return text


def decline(item: AssortmentItem, by: str, at: datetime, reason: str | None) -> AssortmentItem:
    if item.state is not AssortmentState.PROPOSED:
        raise _refuse(item, ("ปฏิเสธ", "declined"))
    return _decided(item, AssortmentState.DECLINED, by, at, _reason(reason))


def withdraw(item: AssortmentItem, by: str, at: datetime, reason: str | None) -> AssortmentItem:
    if item.state not in (AssortmentState.PROPOSED, AssortmentState.APPROVED):
        raise _refuse(item, ("ถอน", "withdrawn"))
    return _decided(item, AssortmentState.WITHDRAWN, by, at, _reason(reason))
