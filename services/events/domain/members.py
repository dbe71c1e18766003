"""What the events service knows of a member, from the registry's events: enough to decide
whether the member may take part in an event and which reserved quota it matches."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field

from services.events.domain.event import Event
from shared.contracts.events import Quota
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.errors import Conflict


class NotEligible(Conflict):
    slug = "not-eligible"
    title = "The member may not take part in this event"


@dataclass(frozen=True)
class ListedProduct:
    category: ProductCategory | None
    segment: DevelopmentSegment | None
    stars: int | None


@dataclass(frozen=True)
class MemberProfile:
    member_id: uuid.UUID
    member_type: MemberType
    status: MemberStatus
    province_code: str
    name_th: str
    products: tuple[ListedProduct, ...] = ()
    # Network roles the member's people hold now.
    roles: frozenset[NetworkRole] = field(default_factory=frozenset)
    # The districts of the network roles the member's people hold now.
    districts: frozenset[str] = field(default_factory=frozenset)

    @property
    def segments(self) -> frozenset[DevelopmentSegment]:
        """The development segments of the member's listed products."""
        return frozenset(p.segment for p in self.products if p.segment is not None)

    @property
    def best_stars(self) -> int | None:
        """The best current star rating among the member's listed products."""
        rated = [p.stars for p in self.products if p.stars is not None]
        return max(rated) if rated else None

    @property
    def main_category(self) -> ProductCategory | None:
        """The category most of the member's listed products belong to (ties: catalogue order)."""
        counts = Counter(p.category for p in self.products if p.category is not None)
        if not counts:
            return None
        order = list(ProductCategory)
        return min(counts, key=lambda c: (-counts[c], order.index(c)))

    def reasons_not_eligible(self, event: Event) -> list[str]:
        rules = event.eligibility
        reasons: list[str] = []
        if self.status is not MemberStatus.ACTIVE:
            reasons.append(f"the member is {self.status.value}, not active")
        if rules.province_codes and self.province_code not in rules.province_codes:
            reasons.append(
                f"the event is for provinces {', '.join(rules.province_codes)}; the member is "
                f"in {self.province_code}"
            )
        if rules.member_types and self.member_type not in rules.member_types:
            reasons.append(f"the event is not open to {self.member_type.value} members")
        if rules.segments and not (self.segments & set(rules.segments)):
            wanted = ", ".join(s.value for s in rules.segments)
            reasons.append(f"the event is for development segments {wanted}")
        if rules.min_stars is not None and (self.best_stars or 0) < rules.min_stars:
            reasons.append(f"the event needs a product rated at least {rules.min_stars} stars")
        return reasons

    def check_eligible(self, event: Event) -> None:
        reasons = self.reasons_not_eligible(event)
        if reasons:
            raise NotEligible("; ".join(reasons), reasons=reasons)

    def matches(self, quota: Quota) -> bool:
        if quota.segments and not (self.segments & set(quota.segments)):
            return False
        if quota.member_types and self.member_type not in quota.member_types:
            return False
        return not (quota.network_roles and not (self.roles & set(quota.network_roles)))


def snapshot_replaces_names(*, erased: bool, newer: bool) -> bool:
    """Whether a member snapshot may write the names of the copy kept here.

    Like every column of the copy, a newer snapshot replaces the names and an older one only
    fills those unknown; but once the member's personal data was erased (PDPA), an older
    snapshot (a replay, a late delivery) leaves the names as the erasure left them, even one
    it left empty."""
    return newer or not erased
