"""Events the member registry publishes on `registry.members.v1` and `registry.products.v1`.

Member and product events carry the aggregate's full state after the change (with its
`version`), so a consumer can keep a read model from them alone and ignore a stale one that
arrives late.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import REGISTRY_MEMBERS, REGISTRY_PRODUCTS, EventType
from shared.money import Baht

# What stands in for personal data erased on request.
ERASED_TEXT = "ลบข้อมูลตามคำขอ (PDPA)"


class MemberType(StrEnum):
    COMMUNITY_GROUP = "community_group"  # กลุ่มผู้ผลิตชุมชน
    SINGLE_OWNER = "single_owner"  # ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว
    SME = "sme"  # ผู้ประกอบการ SMEs


class MemberStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class ProductCategory(StrEnum):
    FOOD = "food"
    BEVERAGES = "beverages"
    TEXTILES_AND_CLOTHING = "textiles_and_clothing"
    HOUSEHOLD_DECORATIVE_SOUVENIR = "household_decorative_souvenir"
    NON_FOOD_HERBAL = "non_food_herbal"


class DevelopmentSegment(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"  # กลุ่มปรับตัวสู่การพัฒนา: needs development


class ProductStatus(StrEnum):
    LISTED = "listed"
    DELISTED = "delisted"


class NetworkRole(StrEnum):
    PROVINCIAL_PRESIDENT = "provincial_president"
    DISTRICT_PRESIDENT = "district_president"
    COMMITTEE_MEMBER = "committee_member"
    KBO_COMMITTEE = "kbo_committee"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SiteAddress(_Contract):
    address_line: str
    subdistrict_code: str
    district_code: str
    province_code: str
    postal_code: str
    subdistrict_name_th: str
    district_name_th: str
    province_name_th: str


class Contact(_Contract):
    """The member's contact person. Personal data: never logged."""

    name: str
    phone: str | None = None
    email: str | None = None
    line_id: str | None = None


class MemberSnapshot(_Contract):
    member_id: uuid.UUID
    version: int = Field(ge=1)
    member_type: MemberType
    name_th: str
    name_en: str | None = None
    community_enterprise: bool
    community_enterprise_no: str | None = None
    status: MemberStatus
    preferred_language: str = "th"
    contact: Contact
    site: SiteAddress
    registered_at: AwareDatetime


class MemberRegistered(MemberSnapshot):
    """`member.registered` v1: a producer joined the network (status pending)."""


class MemberUpdated(MemberSnapshot):
    """`member.updated` v1: names, contact, site or community-enterprise status changed."""

    changed_fields: list[str]


class MemberErased(MemberSnapshot):
    """`member.erased` v1: the member's personal data was erased on request (PDPA).

    The snapshot after erasure, with a newer `version`: the contact person's name is
    `ERASED_TEXT`, phone, e-mail and LINE id are null, the site keeps only its DOPA area
    (codes, names, postal code), and the names of a member that may be a natural person (a
    single owner or an SME) read `ERASED_TEXT`. Consumers clear their copies; an older
    snapshot arriving later must not bring the data back."""

    erased_at: AwareDatetime


class MemberStatusChanged(_Contract):
    """`member.status_changed` v1."""

    member_id: uuid.UUID
    version: int = Field(ge=1)
    previous_status: MemberStatus
    status: MemberStatus
    reason: str | None = None


class RoleAssigned(_Contract):
    """`role.assigned` v1: a member's person holds a network role for an area and a term."""

    assignment_id: uuid.UUID
    member_id: uuid.UUID
    person_name: str
    role: NetworkRole
    province_code: str
    district_code: str | None = None
    term_start: date
    term_end: date


class Certification(_Contract):
    scheme: str  # e.g. "fda" (อย.), "mpc" (มผช.), "gmp", "halal"
    number: str | None = None
    valid_until: date | None = None


class ProductSnapshot(_Contract):
    product_id: uuid.UUID
    member_id: uuid.UUID
    version: int = Field(ge=1)
    sku: str
    name_th: str
    name_en: str | None = None
    category: ProductCategory
    unit: str
    price: Baht
    certifications: list[Certification]
    segment: DevelopmentSegment | None = None
    stars: int | None = Field(default=None, ge=1, le=5)
    status: ProductStatus
    # The producer's site province, so consumers can filter products by area.
    province_code: str
    # The product's story in plain text (Thai, and English where given). Absent from
    # snapshots published before products had one; null when the product has none.
    description_th: str | None = None
    description_en: str | None = None


class ProductListed(ProductSnapshot):
    """`product.listed` v1: a member's product entered the network catalogue."""


class ProductUpdated(ProductSnapshot):
    """`product.updated` v1: names, descriptions, category, price, unit, certifications,
    segment changed, or the producer's site moved to another province (`province_code`)."""

    changed_fields: list[str]


class ProductDelisted(ProductSnapshot):
    """`product.delisted` v1: the product can no longer be sold."""

    reason: str | None = None


class ProductRated(_Contract):
    """`product.rated` v1: a star rating (1–5) for one selection round.

    `stars` is this round's rating; `current_stars` is the product's rating now (its latest
    round), which differs when an earlier round is recorded late."""

    product_id: uuid.UUID
    member_id: uuid.UUID
    version: int = Field(ge=1)
    sku: str
    round_year: int
    stars: int = Field(ge=1, le=5)
    previous_stars: int | None = None
    current_stars: int = Field(ge=1, le=5)
    rated_on: date


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "member.registered",
        1,
        REGISTRY_MEMBERS,
        MemberRegistered,
        "A producer joined the network (pending).",
    ),
    EventType(
        "member.updated",
        1,
        REGISTRY_MEMBERS,
        MemberUpdated,
        "A member's details changed.",
    ),
    EventType(
        "member.status_changed",
        1,
        REGISTRY_MEMBERS,
        MemberStatusChanged,
        "A member was activated, suspended or withdrawn.",
    ),
    EventType(
        "member.erased",
        1,
        REGISTRY_MEMBERS,
        MemberErased,
        "A member's personal data was erased on request (PDPA); consumers clear their copies.",
    ),
    EventType(
        "role.assigned",
        1,
        REGISTRY_MEMBERS,
        RoleAssigned,
        "A member's person took a network role for an area and term.",
    ),
    EventType(
        "product.listed",
        1,
        REGISTRY_PRODUCTS,
        ProductListed,
        "A product entered the catalogue.",
    ),
    EventType(
        "product.updated",
        1,
        REGISTRY_PRODUCTS,
        ProductUpdated,
        "A product's details, price or segment changed.",
    ),
    EventType(
        "product.delisted",
        1,
        REGISTRY_PRODUCTS,
        ProductDelisted,
        "A product left the catalogue.",
    ),
    EventType(
        "product.rated",
        1,
        REGISTRY_PRODUCTS,
        ProductRated,
        "A product got its star rating for a selection round.",
    ),
)
