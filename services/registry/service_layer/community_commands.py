"""Commands about Nawatwithi communities. Each is checked for shape here; rules live in the
domain (domain/communities.py) and the village in domain/villages.py."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from services.registry.service_layer.commands import Command, LineId, Phone, ShortText
from shared.limits import DESCRIPTION_MAX, Name

LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DESCRIPTION_MAX)
]
_FACEBOOK = re.compile(r"https://(www\.|m\.)?(facebook|fb)\.com/[^\s<>\"']{1,200}")
_WEB = re.compile(r"https?://[^\s<>\"']{3,300}")
# A photo is the web front's own path, or an https address.
_PHOTO_URL = re.compile(r"(/[A-Za-z0-9._~/-]{1,300}|https://[^\s<>\"']{3,300})")


def _matching(pattern: re.Pattern[str], what: str):  # type: ignore[no-untyped-def]
    def check(value: str | None) -> str | None:
        if value is not None and not pattern.fullmatch(value):
            raise ValueError(what)
        return value

    return check


FacebookUrl = Annotated[
    str | None,
    AfterValidator(_matching(_FACEBOOK, "a Facebook page: https://www.facebook.com/…")),
]
WebsiteUrl = Annotated[str | None, AfterValidator(_matching(_WEB, "an http(s):// address"))]
PhotoUrl = Annotated[
    str, AfterValidator(_matching(_PHOTO_URL, "a path on the web front (/…) or https://…"))
]


class PlaceInput(Command):
    name_th: Name
    name_en: Name | None = None
    description_th: LongText | None = None
    description_en: LongText | None = None


class ContactInput(Command):
    """The community's public channel: a phone, LINE, a Facebook page, a web site."""

    phone: Phone = None
    line_id: LineId = None
    facebook_url: FacebookUrl = None
    website_url: WebsiteUrl = None


class PhotoInput(Command):
    url: PhotoUrl
    caption_th: ShortText | None = None
    caption_en: ShortText | None = None


class VillageInput(Command):
    province_code: str = Field(description="DOPA province code, 2 digits", examples=["90"])
    district_code: str = Field(description="DOPA district code, 4 digits", examples=["9001"])
    subdistrict_code: str = Field(
        description="DOPA subdistrict code, 6 digits", examples=["900106"]
    )
    village_no: int = Field(ge=1, le=99, description="หมู่ที่: the village number")
    village_name_th: Name | None = Field(default=None, examples=["บ้านเกาะยอ"])


class CommunityInput(Command):
    name_th: Name
    name_en: Name | None = None
    village: VillageInput
    story_th: LongText
    story_en: LongText | None = None
    wisdom_th: LongText | None = None
    wisdom_en: LongText | None = None
    way_of_life_th: LongText | None = None
    way_of_life_en: LongText | None = None
    attractions: list[PlaceInput] = Field(default_factory=list, max_length=20)
    activities: list[PlaceInput] = Field(default_factory=list, max_length=20)
    contact: ContactInput = Field(default_factory=ContactInput)
    photos: list[PhotoInput] = Field(default_factory=list, max_length=12)


class RegisterCommunity(Command):
    community: CommunityInput


class CommunityChanges(Command):
    """Fields to change; those left out stay as they are, null clears an optional one."""

    name_th: Name | None = None
    name_en: Name | None = None
    village: VillageInput | None = None
    story_th: LongText | None = None
    story_en: LongText | None = None
    wisdom_th: LongText | None = None
    wisdom_en: LongText | None = None
    way_of_life_th: LongText | None = None
    way_of_life_en: LongText | None = None
    attractions: list[PlaceInput] | None = Field(default=None, max_length=20)
    activities: list[PlaceInput] | None = Field(default=None, max_length=20)
    contact: ContactInput | None = None
    photos: list[PhotoInput] | None = Field(default=None, max_length=12)


class UpdateCommunity(Command):
    community_id: uuid.UUID
    changes: CommunityChanges


class MemberRef(Command):
    member_id: uuid.UUID


class JoinCommunity(Command):
    community_id: uuid.UUID
    member_id: uuid.UUID


class LeaveCommunity(Command):
    community_id: uuid.UUID
    member_id: uuid.UUID


class WithdrawalReason(Command):
    reason: ShortText | None = None


class WithdrawCommunity(Command):
    community_id: uuid.UUID
    reason: ShortText | None = None
