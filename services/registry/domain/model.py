"""The registry's domain: members, their products with ratings and segments, network roles.

Pure Python: no I/O. Each change bumps the aggregate's version and returns the event that
says what happened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from shared.contracts.registry import (
    ERASED_TEXT,
    Certification,
    Contact,
    DevelopmentSegment,
    MemberErased,
    MemberRegistered,
    MemberStatus,
    MemberStatusChanged,
    MemberType,
    MemberUpdated,
    NetworkRole,
    ProductCategory,
    ProductDelisted,
    ProductListed,
    ProductRated,
    ProductStatus,
    ProductUpdated,
    RoleAssigned,
    SiteAddress,
)
from shared.errors import Conflict, InvalidInput, InvalidTransition

ALLOWED_STATUS_CHANGES: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.PENDING: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.WITHDRAWN: frozenset(),
}


@dataclass
class Member:
    member_id: uuid.UUID
    member_type: MemberType
    name_th: str
    name_en: str | None
    contact: Contact
    site: SiteAddress
    community_enterprise: bool
    community_enterprise_no: str | None
    preferred_language: str
    status: MemberStatus
    registered_at: datetime
    version: int = 1
    # When the member's personal data was erased on request (PDPA); None while it is held.
    erased_at: datetime | None = None

    @classmethod
    def register(
        cls,
        *,
        member_type: MemberType,
        name_th: str,
        name_en: str | None,
        contact: Contact,
        site: SiteAddress,
        community_enterprise: bool,
        community_enterprise_no: str | None,
        preferred_language: str,
        now: datetime,
    ) -> tuple[Member, MemberRegistered]:
        if community_enterprise_no and not community_enterprise:
            raise InvalidInput("community_enterprise_no is given but community_enterprise is false")
        member = cls(
            member_id=uuid.uuid4(),
            member_type=member_type,
            name_th=name_th,
            name_en=name_en,
            contact=contact,
            site=site,
            community_enterprise=community_enterprise,
            community_enterprise_no=community_enterprise_no,
            preferred_language=preferred_language,
            status=MemberStatus.PENDING,
            registered_at=now,
        )
        return member, MemberRegistered(**member._snapshot())

    def _snapshot(self) -> dict[str, object]:
        return {
            "member_id": self.member_id,
            "version": self.version,
            "member_type": self.member_type,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "community_enterprise": self.community_enterprise,
            "community_enterprise_no": self.community_enterprise_no,
            "status": self.status,
            "preferred_language": self.preferred_language,
            "contact": self.contact,
            "site": self.site,
            "registered_at": self.registered_at,
        }

    def update(self, **changes: object) -> MemberUpdated | None:
        """Apply the given field changes; None when nothing actually changed."""
        if self.erased_at is not None:
            raise InvalidTransition(
                "the member's personal data was erased on request; its details cannot be "
                "changed (register the producer again instead)"
            )
        if self.status is MemberStatus.WITHDRAWN:
            raise InvalidTransition("a withdrawn member cannot be changed")
        changed = sorted(k for k, v in changes.items() if getattr(self, k) != v)
        if not changed:
            return None
        candidate = replace(self, **{k: changes[k] for k in changed})  # type: ignore[arg-type]
        if candidate.community_enterprise_no and not candidate.community_enterprise:
            raise InvalidInput("community_enterprise_no is given but community_enterprise is false")
        for name in changed:
            setattr(self, name, changes[name])
        self.version += 1
        return MemberUpdated(**self._snapshot(), changed_fields=changed)

    @property
    def may_be_a_person(self) -> bool:
        """A single owner or an SME may be a natural person, whose name is personal data; a
        community producer group is a group and keeps its name."""
        return self.member_type is not MemberType.COMMUNITY_GROUP

    def erase(self, now: datetime) -> MemberErased | None:
        """Erase the personal data on request (PDPA); None when it was erased before.

        Kept: the member id, type, status, DOPA area (codes, names, postal code),
        community-enterprise status and number, language. Cleared: the contact person's
        name, phone, e-mail and LINE id, the address line, and the names of a member that
        may be a natural person."""
        if self.erased_at is not None:
            return None
        self.contact = Contact(name=ERASED_TEXT)
        self.site = self.site.model_copy(update={"address_line": ERASED_TEXT})
        if self.may_be_a_person:
            self.name_th, self.name_en = ERASED_TEXT, None
        self.erased_at = now
        self.version += 1
        return MemberErased(**self._snapshot(), erased_at=now)

    def change_status(self, status: MemberStatus, reason: str | None) -> MemberStatusChanged:
        if status == self.status:
            raise InvalidTransition(f"the member is already {status.value}")
        if status not in ALLOWED_STATUS_CHANGES[self.status]:
            allowed = ", ".join(sorted(s.value for s in ALLOWED_STATUS_CHANGES[self.status]))
            raise InvalidTransition(
                f"a {self.status.value} member cannot become {status.value}"
                + (f" (allowed: {allowed})" if allowed else " (withdrawal is final)")
            )
        previous = self.status
        self.status = status
        self.version += 1
        return MemberStatusChanged(
            member_id=self.member_id,
            version=self.version,
            previous_status=previous,
            status=status,
            reason=reason,
        )

    def can_list_products(self) -> None:
        if self.status in (MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN):
            raise InvalidTransition(f"a {self.status.value} member cannot list or change products")


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
    ) -> tuple[Product, ProductListed]:
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
        )
        return product, ProductListed(**product._snapshot())

    def _snapshot(self) -> dict[str, object]:
        return {
            "product_id": self.product_id,
            "member_id": self.member_id,
            "version": self.version,
            "sku": self.sku,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "category": self.category,
            "unit": self.unit,
            "price": self.price,
            "certifications": self.certifications,
            "segment": self.segment,
            "stars": self.stars,
            "status": self.status,
            "province_code": self.province_code,
        }

    def update(self, **changes: object) -> ProductUpdated | None:
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
        return ProductUpdated(**self._snapshot(), changed_fields=changed)

    def relocate(self, province_code: str) -> ProductUpdated | None:
        """The producer's site moved to another province; a listed product moves with it.

        A delisted product keeps the province it had when it left the catalogue.
        """
        if self.status is ProductStatus.DELISTED or self.province_code == province_code:
            return None
        self.province_code = province_code
        self.version += 1
        return ProductUpdated(**self._snapshot(), changed_fields=["province_code"])

    def delist(self, reason: str | None) -> ProductDelisted:
        if self.status is ProductStatus.DELISTED:
            raise InvalidTransition("the product is already delisted")
        self.status = ProductStatus.DELISTED
        self.version += 1
        return ProductDelisted(**self._snapshot(), reason=reason)

    def rate(self, rating: Rating) -> ProductRated:
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
        return ProductRated(
            product_id=self.product_id,
            member_id=self.member_id,
            version=self.version,
            sku=self.sku,
            round_year=rating.round_year,
            stars=rating.stars,
            previous_stars=previous.stars if previous else None,
            current_stars=self.stars,
            rated_on=rating.rated_on,
        )

    def current_rating(self) -> Rating | None:
        return self.ratings[-1] if self.ratings else None


def _check_price(price: Decimal) -> None:
    if price <= 0:
        raise InvalidInput("price must be more than 0 baht")


PRESIDENT_ROLES = frozenset({NetworkRole.PROVINCIAL_PRESIDENT, NetworkRole.DISTRICT_PRESIDENT})


@dataclass(frozen=True)
class RoleAssignment:
    assignment_id: uuid.UUID
    member_id: uuid.UUID
    person_name: str
    role: NetworkRole
    province_code: str
    district_code: str | None
    term_start: date
    term_end: date

    @classmethod
    def assign(
        cls,
        member: Member,
        *,
        person_name: str,
        role: NetworkRole,
        province_code: str,
        district_code: str | None,
        term_start: date,
        term_end: date,
    ) -> tuple[RoleAssignment, RoleAssigned]:
        if member.status is not MemberStatus.ACTIVE:
            raise InvalidTransition(
                f"only an active member's person can hold a role; this member is "
                f"{member.status.value}"
            )
        if term_end <= term_start:
            raise InvalidInput("term_end must be after term_start")
        if role is NetworkRole.DISTRICT_PRESIDENT and not district_code:
            raise InvalidInput("a district network president needs a district_code")
        if role is NetworkRole.PROVINCIAL_PRESIDENT and district_code:
            raise InvalidInput("a provincial network president is for a whole province")
        assignment = cls(
            assignment_id=uuid.uuid4(),
            member_id=member.member_id,
            person_name=person_name,
            role=role,
            province_code=province_code,
            district_code=district_code,
            term_start=term_start,
            term_end=term_end,
        )
        return assignment, RoleAssigned(
            assignment_id=assignment.assignment_id,
            member_id=member.member_id,
            person_name=person_name,
            role=role,
            province_code=province_code,
            district_code=district_code,
            term_start=term_start,
            term_end=term_end,
        )

    def overlaps(self, other: RoleAssignment) -> bool:
        return self.term_start < other.term_end and other.term_start < self.term_end

    @property
    def is_single_holder(self) -> bool:
        return self.role in PRESIDENT_ROLES
