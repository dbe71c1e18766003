"""Commands the registry carries out. Each is checked for shape here; rules live in the domain."""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.limits import DESCRIPTION_MAX, SHORT_TEXT_MAX, Name, Unit
from shared.money import Baht

# Matched with fullmatch: `$` would also accept a trailing newline, `\d` other scripts' digits.
_PHONE = re.compile(r"(\+66|0)[0-9]{8,9}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_LINE_ID = re.compile(r"@?[a-z0-9._-]{1,20}")


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    compact = re.sub(r"[\s-]", "", value)
    if not _PHONE.fullmatch(compact):
        raise ValueError("a Thai phone number such as 0812345678 or +66812345678")
    return compact


def _email(value: str | None) -> str | None:
    if value is not None and not _EMAIL.fullmatch(value):
        raise ValueError("not an e-mail address")
    return value


def _plain_text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise ValueError("plain text only: no control characters other than line breaks")
    return text


def _line_id(value: str | None) -> str | None:
    if value is not None and not _LINE_ID.fullmatch(value.lower()):
        raise ValueError("a LINE id is 1–20 letters, digits, '.', '_' or '-'")
    return value


ThaiName = Name
EnglishName = Name
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT_MAX)
]
Phone = Annotated[str | None, AfterValidator(_phone)]
Email = Annotated[str | None, StringConstraints(max_length=254), AfterValidator(_email)]
LineId = Annotated[str | None, AfterValidator(_line_id)]
# A product's story in one language: plain text with line breaks, Thai kept as written.
ProductDescription = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=DESCRIPTION_MAX),
    AfterValidator(_plain_text),
]
Sku = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
]
Language = Literal["th", "en"]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContactInput(Command):
    name: ThaiName
    phone: Phone = None
    email: Email = None
    line_id: LineId = None


class ContactChanges(Command):
    """Contact fields to change; those left out stay as they are, null clears one."""

    name: ThaiName | None = None
    phone: Phone = None
    email: Email = None
    line_id: LineId = None


class CertificationInput(Command):
    scheme: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_-]{1,29}$")
    ] = Field(description='e.g. "fda" (อย.), "mpc" (มผช.), "gmp", "halal"')
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = None
    valid_until: date | None = None


class SiteInput(Command):
    address_line: ShortText
    province_code: str = Field(description="DOPA province code, 2 digits", examples=["90"])
    district_code: str = Field(description="DOPA district code, 4 digits", examples=["9011"])
    subdistrict_code: str = Field(
        description="DOPA subdistrict code, 6 digits", examples=["901101"]
    )
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")


class RegisterMember(Command):
    member_type: MemberType
    name_th: ThaiName
    name_en: EnglishName | None = None
    contact: ContactInput
    site: SiteInput
    community_enterprise: bool = False
    community_enterprise_no: Annotated[str, StringConstraints(max_length=50)] | None = None
    preferred_language: Language = "th"


class MemberChanges(Command):
    """Fields to change; those left out stay as they are."""

    name_th: ThaiName | None = None
    name_en: EnglishName | None = None
    contact: ContactChanges | None = None
    site: SiteInput | None = None
    community_enterprise: bool | None = None
    community_enterprise_no: Annotated[str, StringConstraints(max_length=50)] | None = None
    preferred_language: Language | None = None


class EraseMember(Command):
    """Erase the member's personal data on request (PDPA)."""

    member_id: uuid.UUID


class UpdateMember(Command):
    member_id: uuid.UUID
    changes: MemberChanges


class StatusChange(Command):
    status: MemberStatus
    reason: ShortText | None = None


class ChangeMemberStatus(Command):
    member_id: uuid.UUID
    change: StatusChange


class ProductInput(Command):
    sku: Sku
    name_th: ThaiName
    name_en: EnglishName | None = None
    category: ProductCategory
    unit: Unit
    price: Baht
    certifications: list[CertificationInput] = Field(default_factory=list, max_length=20)
    segment: DevelopmentSegment | None = None
    description_th: ProductDescription | None = None
    description_en: ProductDescription | None = None


class ListProduct(Command):
    member_id: uuid.UUID
    product: ProductInput


class ProductChanges(Command):
    name_th: ThaiName | None = None
    name_en: EnglishName | None = None
    category: ProductCategory | None = None
    unit: Unit | None = None
    price: Baht | None = None
    certifications: list[CertificationInput] | None = Field(default=None, max_length=20)
    segment: DevelopmentSegment | None = None
    description_th: ProductDescription | None = None
    description_en: ProductDescription | None = None


class UpdateProduct(Command):
    product_id: uuid.UUID
    changes: ProductChanges


class DelistProduct(Command):
    product_id: uuid.UUID
    reason: ShortText | None = None


class RatingInput(Command):
    round_year: int = Field(ge=2001, le=2100, description="The selection round (year CE)")
    stars: int = Field(ge=1, le=5)
    rated_on: date
    note: ShortText | None = None


class RateProduct(Command):
    product_id: uuid.UUID
    rating: RatingInput


class AssignRole(Command):
    member_id: uuid.UUID
    person_name: ThaiName
    role: NetworkRole
    province_code: str = Field(examples=["90"])
    district_code: str | None = Field(default=None, examples=["9011"])
    term_start: date
    term_end: date


class DelistReason(Command):
    reason: ShortText | None = None
