"""Commands staff give the notifications service (imperative names; pydantic for input)."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from shared.contracts.notifications import NotificationKind

MemberChannel = Literal["line", "email", "sms"]


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuietHoursInput(_Command):
    start: time = Field(description="Asia/Bangkok, e.g. 22:00")
    end: time = Field(description="Asia/Bangkok, e.g. 07:00 (may be on the next day)")


class PreferencesInput(_Command):
    language: Literal["th", "en"] | None = Field(
        default=None, description="None: the member's preferred language in the registry"
    )
    channels: list[MemberChannel] = Field(
        default_factory=lambda: ["line", "email", "sms"], min_length=1, max_length=3
    )
    opt_outs: list[NotificationKind] = Field(default_factory=list, max_length=20)
    quiet_hours: QuietHoursInput | None = None


class SetPreferences(_Command):
    member_id: uuid.UUID
    preferences: PreferencesInput


class RegisterWebhook(_Command):
    url: HttpUrl
    kinds: list[NotificationKind] = Field(min_length=1, max_length=20)
    description: str | None = Field(default=None, max_length=200)


class RemoveWebhook(_Command):
    subscription_id: uuid.UUID
