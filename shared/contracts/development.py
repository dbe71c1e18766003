"""Development projects: participants chosen by rules, grants within a budget,
disbursements, development plans and outcomes, KBO nominations (on the events topics).

Every message is keyed by the project's event id, so one project's messages stay in order.
The members chosen are told through the registrations topic's own messages."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.events import RegistrationStatus
from shared.contracts.registry import DevelopmentSegment
from shared.contracts.topics import EVENTS_SHOWCASES, EventType
from shared.money import Baht, BahtTotal


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class RecipientKind(StrEnum):
    GROUP = "group"  # a community producer group (กลุ่มผู้ผลิตชุมชน)
    MEMBER = "member"  # one member of any type


class ProductBefore(_Contract):
    product_id: uuid.UUID
    segment: DevelopmentSegment | None = None
    stars_before: int | None = Field(default=None, ge=1, le=5)


class SelectedParticipant(_Contract):
    member_id: uuid.UUID
    registration_id: uuid.UUID
    status: RegistrationStatus
    quota: str | None = None
    products: list[ProductBefore] = Field(default_factory=list)


class ParticipantsSelected(_Contract):
    """`project.participants_selected` v1: staff chose participants from the candidates."""

    event_id: uuid.UUID
    participants: list[SelectedParticipant]
    selected_at: AwareDatetime


class GrantAllocated(_Contract):
    """`grant.allocated` v1: part of the project's budget was allocated to a recipient."""

    grant_id: uuid.UUID
    event_id: uuid.UUID
    member_id: uuid.UUID
    recipient_kind: RecipientKind
    amount: Baht
    purpose_th: str
    allocated_total: BahtTotal
    budget: BahtTotal
    allocated_by: str
    allocated_at: AwareDatetime


class GrantDisbursed(_Contract):
    """`grant.disbursed` v1: money of a grant was paid, approved by a staff account."""

    disbursement_id: uuid.UUID
    grant_id: uuid.UUID
    event_id: uuid.UUID
    member_id: uuid.UUID
    amount: Baht
    disbursed_total: BahtTotal
    approved_by: str
    disbursed_on: date
    recorded_at: AwareDatetime


class PlanRecorded(_Contract):
    """`plan.recorded` v1: a product's development plan was recorded or changed."""

    event_id: uuid.UUID
    product_id: uuid.UUID
    member_id: uuid.UUID
    version: int = Field(ge=1)
    goal_th: str
    goal_en: str | None = None
    actions: list[str] = Field(default_factory=list)
    target_stars: int | None = Field(default=None, ge=1, le=5)
    stars_before: int | None = Field(default=None, ge=1, le=5)
    recorded_at: AwareDatetime


class ProductNominated(_Contract):
    """`product.nominated` v1: a KBO committee member nominated the province's product for
    the national contest (one per province per project)."""

    nomination_id: uuid.UUID
    event_id: uuid.UUID
    province_code: str
    product_id: uuid.UUID
    member_id: uuid.UUID
    nominated_by_member_id: uuid.UUID
    nominated_at: AwareDatetime


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "project.participants_selected",
        1,
        EVENTS_SHOWCASES,
        ParticipantsSelected,
        "Participants of a development project were chosen (each also gets a registration).",
    ),
    EventType(
        "grant.allocated",
        1,
        EVENTS_SHOWCASES,
        GrantAllocated,
        "A grant was allocated within a development project's budget.",
    ),
    EventType(
        "grant.disbursed",
        1,
        EVENTS_SHOWCASES,
        GrantDisbursed,
        "Money of a grant was paid out, with the staff account that approved it.",
    ),
    EventType(
        "plan.recorded",
        1,
        EVENTS_SHOWCASES,
        PlanRecorded,
        "A product's development plan in a project was recorded.",
    ),
    EventType(
        "product.nominated",
        1,
        EVENTS_SHOWCASES,
        ProductNominated,
        "A product was nominated by a KBO committee member for the national contest.",
    ),
)
