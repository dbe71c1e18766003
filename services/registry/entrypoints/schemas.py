"""What the registry's HTTP API returns."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import AwareDatetime, BaseModel

from services.registry.domain.members import Member
from services.registry.domain.products import Product
from services.registry.domain.roles import RoleAssignment
from shared.contracts.registry import (
    Certification,
    Contact,
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
    ProductStatus,
    SiteAddress,
)
from shared.money import Baht


class MemberOut(BaseModel):
    member_id: uuid.UUID
    version: int
    member_type: MemberType
    name_th: str
    name_en: str | None
    contact: Contact
    site: SiteAddress
    community_enterprise: bool
    community_enterprise_no: str | None
    preferred_language: str
    status: MemberStatus
    registered_at: AwareDatetime
    # When the member's personal data was erased on request (PDPA).
    erased_at: AwareDatetime | None = None

    @classmethod
    def of(cls, m: Member) -> MemberOut:
        return cls(**{name: getattr(m, name) for name in cls.model_fields})


class RatingOut(BaseModel):
    round_year: int
    stars: int
    rated_on: date
    note: str | None


class ProductOut(BaseModel):
    product_id: uuid.UUID
    member_id: uuid.UUID
    version: int
    sku: str
    name_th: str
    name_en: str | None
    category: ProductCategory
    unit: str
    price: Baht
    certifications: list[Certification]
    segment: DevelopmentSegment | None
    stars: int | None
    status: ProductStatus
    province_code: str
    description_th: str | None = None
    description_en: str | None = None
    ratings: list[RatingOut] | None = None

    @classmethod
    def of(cls, p: Product, *, with_ratings: bool = True) -> ProductOut:
        fields = {name: getattr(p, name) for name in cls.model_fields if name != "ratings"}
        ratings = [RatingOut(**r.__dict__) for r in p.ratings] if with_ratings else None
        return cls(**fields, ratings=ratings)


class RoleOut(BaseModel):
    assignment_id: uuid.UUID
    member_id: uuid.UUID
    person_name: str
    role: NetworkRole
    province_code: str
    district_code: str | None
    term_start: date
    term_end: date

    @classmethod
    def of(cls, r: RoleAssignment) -> RoleOut:
        return cls(**r.__dict__)


class MemberPage(BaseModel):
    items: list[MemberOut]
    next_cursor: str | None


class ProductPage(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None


class RoleList(BaseModel):
    on: date
    items: list[RoleOut]
    next_cursor: str | None
