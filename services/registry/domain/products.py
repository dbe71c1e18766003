"""The product aggregate: a member's product in the catalogue, with its star ratings (one a
round) and its development segment.

Pure Python: no I/O. Each change bumps the product's version and returns the event that says
what happened (domain/events.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from services.registry.domain import events
from services.registry.domain.members import Member
from shared.contracts.registry import (
    Certification,
    DevelopmentSegment,
    ProductCategory,
    ProductStatus,
)
from shared.errors import Conflict, InvalidInput, InvalidTransition


@dataclass(frozen=True)
class Rating:
    round_year: int
    stars: int
    rated_on: date
    note: str | None = None


@dataclass
class Product:
    product_id: uuid.UUID
    member_id: uuid.UUID
    sku: str
    name_th: str
    name_en: str | None
    category: ProductCategory
    unit: str
    price: Decimal
    certifications: list[Certification]
    segment: DevelopmentSegment | None
    status: ProductStatus
    province_code: str
    stars: int | None = None
    description_th: str | None = None
    description_en: str | None = None
    version: int = 1
    ratings: list[Rating] = field(default_factory=list)

    @classmethod
    def list_for(
        cls,
        member: Member,
        *,
        sku: str,
        name_th: str,
        name_en: str | None,
        category: ProductCategory,
        unit: str,
        price: Decimal,
        certifications: list[Certification],
        segment: DevelopmentSegment | None,
        description_th: str | None = None,
        description_en: str | None = None,
    ) -> tuple[Product, events.ProductListed]:
        member.can_list_products()
        _check_price(price)
        product = cls(
            product_id=uuid.uuid4(),
            member_id=member.member_id,
            sku=sku,
            name_th=name_th,
            name_en=name_en,
            category=category,
            unit=unit,
            price=price,
            certifications=certifications,
            segment=segment,
            status=ProductStatus.LISTED,
            province_code=member.site.province_code,
            description_th=description_th,
            description_en=description_en,
        )
        return product, events.ProductListed(product.copy())

    def copy(self) -> Product:
        """The product as it is now, with lists of its own."""
        return replace(self, certifications=list(self.certifications), ratings=list(self.ratings))

    def update(self, **changes: object) -> events.ProductDetailsChanged | None:
        if self.status is ProductStatus.DELISTED:
            raise InvalidTransition("a delisted product cannot be changed")
        if "price" in changes:
            _check_price(changes["price"])  # type: ignore[arg-type]
        changed = sorted(k for k, v in changes.items() if getattr(self, k) != v)
        if not changed:
            return None
        for name in changed:
            setattr(self, name, changes[name])
        self.version += 1
        return events.ProductDetailsChanged(self.copy(), changed_fields=tuple(changed))

    def relocate(self, province_code: str) -> events.ProductRelocated | None:
        """The producer's site moved to another province; a listed product moves with it.

        A delisted product keeps the province it had when it left the catalogue.
        """
        if self.status is ProductStatus.DELISTED or self.province_code == province_code:
            return None
        self.province_code = province_code
        self.version += 1
        return events.ProductRelocated(self.copy())

    def delist(self, reason: str | None) -> events.ProductDelisted:
        if self.status is ProductStatus.DELISTED:
            raise InvalidTransition("the product is already delisted")
        self.status = ProductStatus.DELISTED
        self.version += 1
        return events.ProductDelisted(self.copy(), reason=reason)

    def rate(self, rating: Rating) -> events.ProductRated:
        if self.status is ProductStatus.DELISTED:
            raise InvalidTransition("a delisted product cannot be rated")
        if not 1 <= rating.stars <= 5:
            raise InvalidInput(f"stars must be 1 to 5, not {rating.stars}")
        if any(r.round_year == rating.round_year for r in self.ratings):
            raise Conflict(f"the product already has a rating for the {rating.round_year} round")
        previous = self.current_rating()
        self.ratings.append(rating)
        self.ratings.sort(key=lambda r: r.round_year)
        latest = self.current_rating()
        assert latest is not None
        self.stars = latest.stars
        self.version += 1
        return events.ProductRated(
            product_id=self.product_id,
            member_id=self.member_id,
            version=self.version,
            sku=self.sku,
            rating=rating,
            previous_stars=previous.stars if previous else None,
            current_stars=latest.stars,
        )

    def current_rating(self) -> Rating | None:
        return self.ratings[-1] if self.ratings else None


def _check_price(price: Decimal) -> None:
    if price <= 0:
        raise InvalidInput("price must be more than 0 baht")
