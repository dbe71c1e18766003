"""Development projects: who may be chosen, the budget's arithmetic, a plan's outcome.

Pure Python: no I/O. A candidate is a producer whose product is in one of the rule's
segments or rated at most `max_stars` (either will do: "group D or 1–3 stars"), or a member
holding one of the rule's network roles; when the rule names provinces, only members there.
A rule naming none of segments, stars and roles takes every active member."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from shared.contracts.development import RecipientKind
from shared.contracts.events import EventKind, EventStatus
from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole
from shared.errors import Conflict, InvalidInput, InvalidTransition


class OverBudget(Conflict):
    slug = "over-budget"
    title = "The project's budget does not cover this"


class OverGrant(Conflict):
    slug = "over-grant"
    title = "More than what remains of the grant"


@dataclass(frozen=True)
class SelectionRules:
    segments: frozenset[DevelopmentSegment] = frozenset()
    max_stars: int | None = None
    network_roles: frozenset[NetworkRole] = frozenset()
    province_codes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.max_stars is not None and not 1 <= self.max_stars <= 5:
            raise InvalidInput("max_stars is 1 to 5")

    @property
    def takes_everyone(self) -> bool:
        return not (self.segments or self.max_stars is not None or self.network_roles)


@dataclass(frozen=True)
class CandidateProduct:
    product_id: uuid.UUID
    name_th: str | None
    segment: DevelopmentSegment | None
    stars: int | None


@dataclass(frozen=True)
class CandidateMember:
    member_id: uuid.UUID
    name_th: str | None
    member_type: MemberType | None
    province_code: str | None
    products: tuple[CandidateProduct, ...] = ()
    roles: frozenset[NetworkRole] = field(default_factory=frozenset)


def reasons_chosen(rules: SelectionRules, member: CandidateMember) -> list[str]:
    """Why the rules take the member (empty: they do not)."""
    if rules.province_codes and member.province_code not in rules.province_codes:
        return []
    if rules.takes_everyone:
        return ["every member"]
    reasons: list[str] = []
    for product in member.products:
        if product.segment is not None and product.segment in rules.segments:
            reasons.append(f"segment {product.segment.value}")
        if (
            rules.max_stars is not None
            and product.stars is not None
            and product.stars <= rules.max_stars
        ):
            reasons.append(f"{product.stars} stars")
    reasons.extend(role.value for role in sorted(member.roles & rules.network_roles))
    return sorted(set(reasons))


def check_project(kind: EventKind) -> None:
    if kind is not EventKind.DEVELOPMENT_PROJECT:
        raise InvalidTransition(
            f"งานนี้ไม่ใช่โครงการพัฒนา / this event is a {kind.value}, not a development "
            "project (โครงการพัฒนา)"
        )


def check_project_running(status: EventStatus) -> None:
    """Grants, plans and nominations belong to a published project, or one closed."""
    if status not in (EventStatus.PUBLISHED, EventStatus.CLOSED):
        raise InvalidTransition(
            f"โครงการอยู่ในสถานะ {status.value} ทำรายการนี้ไม่ได้ / the project is "
            f"{status.value}: it cannot take this"
        )


def check_rules_changeable(status: EventStatus) -> None:
    if status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise InvalidTransition(
            f"โครงการอยู่ในสถานะ {status.value} เปลี่ยนเกณฑ์การคัดเลือกไม่ได้แล้ว / the project is "
            f"{status.value}: its rules can no longer change"
        )


def check_recipient(kind: RecipientKind, member_type: MemberType | None) -> None:
    if kind is RecipientKind.GROUP and member_type is not MemberType.COMMUNITY_GROUP:
        raise InvalidInput(
            "ทุนรายกลุ่มให้เฉพาะกลุ่มผู้ผลิตชุมชน / a grant per group goes to a community "
            "producer group (กลุ่มผู้ผลิตชุมชน)"
        )


def check_within_budget(budget: int | None, allocated: int, amount: int) -> None:
    """Satang: what is already allocated plus `amount` stays within the budget."""
    if amount <= 0:
        raise InvalidInput("ทุนต้องมากกว่า 0 บาท / a grant is more than 0 baht")
    if budget is None:
        raise OverBudget("โครงการนี้ยังไม่มีงบประมาณ / the project has no budget to allocate from")
    remaining = budget - allocated
    if amount > remaining:
        raise OverBudget(
            f"เกินงบประมาณคงเหลือ {remaining / 100:,.2f} บาท / only {remaining / 100:.2f} THB of "
            f"the budget remain; {amount / 100:.2f} THB asked",
            remaining=f"{remaining / 100:.2f}",
        )


def check_within_grant(allocated: int, disbursed: int, amount: int) -> None:
    """Satang: a disbursement pays at most what is left of the grant."""
    if amount <= 0:
        raise InvalidInput("การจ่ายต้องมากกว่า 0 บาท / a disbursement is more than 0 baht")
    left = allocated - disbursed
    if amount > left:
        raise OverGrant(
            f"เกินทุนที่ยังไม่ได้จ่าย {left / 100:,.2f} บาท / only {left / 100:.2f} THB of the "
            f"grant remain to pay; {amount / 100:.2f} THB asked",
            remaining=f"{left / 100:.2f}",
        )


@dataclass(frozen=True)
class Rating:
    current_stars: int
    version: int
    received_at: datetime


def stars_after(ratings: list[Rating], project_ended_at: datetime) -> int | None:
    """The product's rating as the latest `product.rated` received after the project ended
    says; None while none came."""
    after = [r for r in ratings if r.received_at > project_ended_at]
    if not after:
        return None
    return max(after, key=lambda r: (r.version, r.received_at)).current_stars
