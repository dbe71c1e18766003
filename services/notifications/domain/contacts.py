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
