"""The local read model of a member's contact details, kept from the registry's events."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shared.contracts.notifications import Channel
from shared.contracts.registry import MemberStatus


@dataclass(frozen=True)
class MemberContact:
    """Personal data (email, phone, LINE id): never logged, never in delivery events."""

    member_id: uuid.UUID
    name_th: str
    name_en: str | None
    preferred_language: str
    status: MemberStatus
    email: str | None = None
    phone: str | None = None
    line_id: str | None = None

    def address(self, channel: Channel) -> str | None:
        return {
            Channel.LINE: self.line_id,
            Channel.EMAIL: self.email,
            Channel.SMS: self.phone,
        }.get(channel)

    def name(self, language: str) -> str:
        return (self.name_en or self.name_th) if language == "en" else self.name_th


def language_of(preferred: str) -> str:
    """The language messages use for a member: Thai unless the registry says English."""
    return preferred if preferred in ("th", "en") else "th"


def snapshot_replaces_contact(held_version: int | None, version: int) -> bool:
    """Only a newer snapshot changes a contact. An older one (a replay, a late event) never
    fills in an address the contact no longer has: an erased member's e-mail, phone and
    LINE id (PDPA) or an address the member removed stay gone."""
    return held_version is None or version > held_version
