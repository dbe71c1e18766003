"""What happened in the registry, in its own words.

The aggregates return these; adapters/contract_events.py says how each is published. An
event that tells a member's or a product's new state carries a copy of the aggregate as the
change left it, so later changes to the aggregate do not alter what the event says.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from shared.contracts.registry import MemberStatus

if TYPE_CHECKING:  # the aggregates import these events
    from services.registry.domain.members import Member
    from services.registry.domain.products import Product, Rating
    from services.registry.domain.roles import RoleAssignment


@dataclass(frozen=True)
class MemberRegistered:
    """A producer joined the network; it waits for approval."""

    member: Member


@dataclass(frozen=True)
class MemberDetailsChanged:
    """The member's names, contact, site, community-enterprise status or language changed."""

    member: Member
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class MemberStatusChanged:
    """The member was approved, suspended, reinstated or withdrew."""

    member_id: uuid.UUID
    version: int
    previous_status: MemberStatus
    status: MemberStatus
    reason: str | None


@dataclass(frozen=True)
class MemberErased:
    """The member's personal data was erased on request (PDPA)."""

    member: Member
    erased_at: datetime


@dataclass(frozen=True)
class RoleAssigned:
    """A member's person took an office of the network for an area and a term."""

    assignment: RoleAssignment


@dataclass(frozen=True)
class ProductListed:
    """A member's product entered the catalogue."""

    product: Product


@dataclass(frozen=True)
class ProductDetailsChanged:
    """The product's names, category, unit, price, certifications or segment changed."""

    product: Product
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class ProductRelocated:
    """The producer's site moved to another province and the listed product moved with it."""

    product: Product


@dataclass(frozen=True)
class ProductDelisted:
    """The product left the catalogue."""

    product: Product
    reason: str | None


@dataclass(frozen=True)
class ProductRated:
    """The product got its stars for a selection round; `current_stars` are those of its
    latest round, which an earlier round rated late does not change."""

    product_id: uuid.UUID
    member_id: uuid.UUID
    version: int
    sku: str
    rating: Rating
    previous_stars: int | None
    current_stars: int


MemberEvent = MemberRegistered | MemberDetailsChanged | MemberStatusChanged | MemberErased
ProductEvent = ProductListed | ProductDetailsChanged | ProductRelocated | ProductDelisted
RegistryEvent = MemberEvent | RoleAssigned | ProductEvent | ProductRated
