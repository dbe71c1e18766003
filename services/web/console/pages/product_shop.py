"""A product's place in the centre shop, as its console page shows it: the shop status read
from the sales service (not proposed, proposed, approved, declined with the reason,
withdrawn), and proposing a listed product for the shop, which the shop's staff (RUN_SHOP)
or an officer of the producer's district (MANAGE_MEMBERS) may do."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request

from services.web.console.kit import ConsoleRefusal, ServiceCalls, ServiceProblem, StaffSession
from services.web.console.pages.members import blank
from services.web.console.shop.lookups import shop_code
from shared.identity.roles import Action

SHOP_STATES = {
    "none": ("ยังไม่ได้เสนอขายที่ร้านศูนย์", "Not proposed"),
    "proposed": ("เสนอแล้ว รอคณะกรรมการร้านพิจารณา", "Proposed, awaiting the shop committee"),
    "approved": ("อนุมัติแล้ว วางขายที่ร้านศูนย์ได้", "Approved for the centre shop"),
    "declined": ("ไม่อนุมัติ", "Declined"),
    "withdrawn": ("ถอนออกจากร้านแล้ว", "Withdrawn from the shop"),
}
OPEN_STATES = ("proposed", "approved")  # a product in these cannot be proposed again
PROPOSED_NOTICE = (
    "เสนอขายที่ร้านศูนย์แล้ว รอคณะกรรมการร้านพิจารณา",
    "Proposed for the centre shop; the shop committee will decide.",
)


def may_propose(request: Request, session: StaffSession, member: dict[str, Any]) -> bool:
    """Whether the staff member may propose this member's products for the shop."""
    district = (member.get("site") or {}).get("district_code")
    return session.may(Action.MANAGE_MEMBERS, district) or session.may(
        Action.RUN_SHOP, shop_code(request)
    )


async def _shop_item(calls: ServiceCalls, product_id: str) -> tuple[dict[str, Any] | None, bool]:
    """(the product's assortment item, whether the status is known): a product never
    proposed is {"state": "none"}; a refusal to read it, or the sales service out of reach,
    leaves the status unknown."""
    try:
        found = await calls.get("sales", f"/v1/shop/assortment/{product_id}")
    except ServiceProblem as problem:
        if problem.status == 404:
            return {"state": "none"}, True
        return None, problem.status < 500
    return (found if isinstance(found, dict) else None), True


async def shop_panel(
    request: Request,
    session: StaffSession,
    calls: ServiceCalls,
    product: dict[str, Any],
    member: dict[str, Any],
) -> dict[str, Any]:
    """The product page's shop section: `shop_item` (None when not known), `shop_reached`
    (False when the sales service could not answer: the section is left out),
    `may_propose`, the state names and the notice after a proposal."""
    proposer = may_propose(request, session, member)
    item: dict[str, Any] | None = None
    reached = True
    if proposer or session.may(Action.READ_SHOP, shop_code(request)):
        item, reached = await _shop_item(calls, str(product["product_id"]))
    state = item.get("state") if item else None
    return {
        "shop_item": item,
        "shop_reached": reached,
        "shop_states": SHOP_STATES,
        "may_propose": proposer
        and reached
        and product.get("status") == "listed"
        and state not in OPEN_STATES,
        "shop_notice": PROPOSED_NOTICE if request.query_params.get("proposed") else None,
    }


async def propose(
    request: Request,
    session: StaffSession,
    calls: ServiceCalls,
    product_id: uuid.UUID,
    form: Any,
) -> None:
    """Propose the product for the shop on the staff member's behalf; ConsoleRefusal when
    their roles do not allow it, ServiceProblem when the sales service refuses."""
    product = await calls.get("registry", f"/v1/products/{product_id}")
    member = await calls.get("registry", f"/v1/members/{product['member_id']}")
    if not may_propose(request, session, member):
        raise ConsoleRefusal(
            "บัญชีของท่านเสนอสินค้าของสมาชิกรายนี้ให้ร้านศูนย์ไม่ได้ / your roles do not allow "
            "proposing this member's products for the centre shop"
        )
    if product.get("status") != "listed":
        raise ServiceProblem(
            409,
            "Not listed",
            "ผลิตภัณฑ์นี้ถูกถอนจากทะเบียนแล้ว เสนอขายไม่ได้ / the product is delisted; it cannot be proposed",
        )
    body: dict[str, Any] = {"product_id": str(product_id)}
    note = blank(form.get("shop_note"))
    if note is not None:
        body["note"] = note
    await calls.post("sales", "/v1/shop/assortment", json=body)
