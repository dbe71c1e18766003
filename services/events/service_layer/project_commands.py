"""Commands of development projects. Shapes are checked here; rules live in the domain."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from services.events.service_layer.commands import Command, ProvinceCode
from shared.contracts.development import RecipientKind
from shared.contracts.registry import DevelopmentSegment, NetworkRole
from shared.money import Baht

Purpose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Goal = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Action = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Rules(Command):
    segments: list[DevelopmentSegment] = Field(default_factory=list, max_length=4)
    max_stars: int | None = Field(default=None, ge=1, le=5)
    network_roles: list[NetworkRole] = Field(default_factory=list, max_length=4)
    province_codes: list[ProvinceCode] = Field(default_factory=list, max_length=77)


class SetSelectionRules(Command):
    event_id: uuid.UUID
    rules: Rules


class Selection(Command):
    member_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)


class SelectParticipants(Command):
    event_id: uuid.UUID
    member_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)


class Allocation(Command):
    member_id: uuid.UUID
    recipient_kind: RecipientKind = RecipientKind.GROUP
    amount: Baht
    purpose_th: Purpose


class AllocateGrant(Command):
    event_id: uuid.UUID
    allocation: Allocation


class Payment(Command):
    amount: Baht
    disbursed_on: date
    note_th: Note | None = None


class DisburseGrant(Command):
    event_id: uuid.UUID
    grant_id: uuid.UUID
    payment: Payment


class Plan(Command):
    goal_th: Goal
    goal_en: Goal | None = None
    actions: list[Action] = Field(default_factory=list, max_length=30)
    target_stars: int | None = Field(default=None, ge=1, le=5)


class RecordPlan(Command):
    event_id: uuid.UUID
    product_id: uuid.UUID
    plan: Plan


class Nomination(Command):
    product_id: uuid.UUID
    nominated_by_member_id: uuid.UUID


class NominateProduct(Command):
    event_id: uuid.UUID
    nomination: Nomination
