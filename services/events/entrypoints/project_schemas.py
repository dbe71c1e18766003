"""What the development projects' routes answer."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from services.events.domain.projects import SelectionRules
from shared.contracts.development import RecipientKind
from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole
from shared.money import BahtTotal, from_satang


class RulesOut(BaseModel):
    segments: list[DevelopmentSegment] = Field(default_factory=list)
    max_stars: int | None = None
    network_roles: list[NetworkRole] = Field(default_factory=list)
    province_codes: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, rules: SelectionRules) -> RulesOut:
        return cls(
            segments=sorted(rules.segments),
            max_stars=rules.max_stars,
            network_roles=sorted(rules.network_roles),
            province_codes=sorted(rules.province_codes),
        )


class ProjectOut(BaseModel):
    event_id: uuid.UUID
    title_th: str
    title_en: str | None = None
    status: str
    host_province_code: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    quotas: list[dict[str, Any]]
    rules: RulesOut | None = None
    budget: BahtTotal | None = None
    allocated: BahtTotal
    disbursed: BahtTotal
    # The event's expenses, paid from the same budget as the grants.
    spent: BahtTotal = Decimal(0)
    remaining: BahtTotal | None = None
    grants: int


class CandidateProductOut(BaseModel):
    product_id: uuid.UUID
    name_th: str | None = None
    segment: DevelopmentSegment | None = None
    stars: int | None = None


class CandidateOut(BaseModel):
    member_id: uuid.UUID
    name_th: str | None = None
    member_type: MemberType | None = None
    province_code: str | None = None
    roles: list[NetworkRole]
    products: list[CandidateProductOut]
    reasons: list[str]
    registration_id: uuid.UUID | None = None
    registration_status: str | None = None
    quota: str | None = None


class CandidateListOut(BaseModel):
    items: list[CandidateOut]


class SelectionOutcomeOut(BaseModel):
    member_id: uuid.UUID
    registration_id: uuid.UUID | None = None
    status: str = Field(description="confirmed, waitlisted, pending_approval or refused")
    quota: str | None = None
    reason: str | None = None


class SelectionOut(BaseModel):
    items: list[SelectionOutcomeOut]


class DisbursementOut(BaseModel):
    disbursement_id: uuid.UUID
    amount: BahtTotal
    disbursed_on: date
    note_th: str | None = None
    approved_by: str
    recorded_at: datetime


class GrantOut(BaseModel):
    grant_id: uuid.UUID
    member_id: uuid.UUID
    member_name_th: str | None = None
    member_type: MemberType | None = None
    province_code: str | None = None
    recipient_kind: RecipientKind
    amount: BahtTotal
    disbursed: BahtTotal
    remaining: BahtTotal
    purpose_th: str
    allocated_by: str
    allocated_at: datetime
    disbursements: list[DisbursementOut]

    @classmethod
    def of(cls, found: dict[str, Any]) -> GrantOut:
        g = found["grant"]
        return cls(
            grant_id=g["grant_id"],
            member_id=g["member_id"],
            member_name_th=g["member_name_th"],
            member_type=g["member_type"],
            province_code=g["province_code"],
            recipient_kind=g["recipient_kind"],
            amount=from_satang(g["amount_satang"]),
            disbursed=from_satang(g["disbursed_satang"]),
            remaining=from_satang(g["amount_satang"] - g["disbursed_satang"]),
            purpose_th=g["purpose_th"],
            allocated_by=g["allocated_by"],
            allocated_at=g["allocated_at"],
            disbursements=[
                DisbursementOut(
                    disbursement_id=d["disbursement_id"],
                    amount=from_satang(d["amount_satang"]),
                    disbursed_on=d["disbursed_on"],
                    note_th=d["note_th"],
                    approved_by=d["approved_by"],
                    recorded_at=d["recorded_at"],
                )
                for d in found["disbursements"]
            ],
        )


class GrantListOut(BaseModel):
    items: list[GrantOut]


class PlanOut(BaseModel):
    product_id: uuid.UUID
    product_name_th: str | None = None
    sku: str | None = None
    member_id: uuid.UUID
    member_name_th: str | None = None
    province_code: str | None = None
    segment: DevelopmentSegment | None = None
    stars_before: int | None = None
    stars_after: int | None = Field(
        default=None,
        description="The latest rating received from the registry after the project ended",
    )
    goal_th: str | None = None
    goal_en: str | None = None
    actions: list[str] = Field(default_factory=list)
    target_stars: int | None = None
    version: int | None = None
    recorded_by: str | None = None
    recorded_at: datetime | None = None

    @classmethod
    def of(cls, found: dict[str, Any]) -> PlanOut:
        r = found["row"]
        return cls(
            product_id=r["product_id"],
            product_name_th=r["product_name_th"],
            sku=r["sku"],
            member_id=r["member_id"],
            member_name_th=r["member_name_th"],
            province_code=r["province_code"],
            segment=r["segment"],
            stars_before=r["stars_before"],
            stars_after=found["stars_after"],
            goal_th=r["goal_th"],
            goal_en=r["goal_en"],
            actions=r["actions"] or [],
            target_stars=r["target_stars"],
            version=r["version"],
            recorded_by=r["recorded_by"],
            recorded_at=r["plan_recorded_at"],
        )


class PlanListOut(BaseModel):
    items: list[PlanOut]


class NominationOut(BaseModel):
    nomination_id: uuid.UUID
    province_code: str
    product_id: uuid.UUID
    product_name_th: str | None = None
    member_id: uuid.UUID
    member_name_th: str | None = None
    nominated_by_member_id: uuid.UUID
    nominated_by_name_th: str | None = None
    recorded_by: str
    nominated_at: datetime


class NominationListOut(BaseModel):
    items: list[NominationOut]
