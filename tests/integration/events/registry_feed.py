"""The registry's events, made with the shared contracts, fed to the events service's real
consumers (real Postgres, no broker): the way most tests put members into its read model."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from shared.contracts.registry import (
    Contact,
    DevelopmentSegment,
    MemberRegistered,
    MemberStatus,
    MemberStatusChanged,
    MemberType,
    NetworkRole,
    ProductCategory,
    ProductListed,
    ProductStatus,
    RoleAssigned,
    SiteAddress,
)
from shared.messaging.consumer import IncomingMessage, Outcome
from shared.messaging.envelope import envelope_for
from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK

SITES = {
    "90": ("9011", "901103", "90110", "สงขลา", "หาดใหญ่", "หาดใหญ่"),
    "40": ("4001", "400101", "40000", "ขอนแก่น", "เมืองขอนแก่น", "ในเมือง"),
    "49": ("4901", "490101", "49000", "มุกดาหาร", "เมืองมุกดาหาร", "มุกดาหาร"),
    "94": ("9401", "940101", "94000", "ปัตตานี", "เมืองปัตตานี", "สะบารัง"),
}


def message(aggregate_id: uuid.UUID, data: BaseModel, offset: int = 0) -> IncomingMessage:
    topic, envelope = envelope_for("registry", str(aggregate_id), data)
    return IncomingMessage(
        topic=topic,
        partition=0,
        offset=offset,
        key=str(aggregate_id).encode(),
        value=envelope.model_dump_json().encode(),
    )


def registered(
    member_id: uuid.UUID,
    *,
    name_th: str = "กลุ่มแม่บ้านเกษตรกรบ้านควนลัง",
    member_type: MemberType = MemberType.COMMUNITY_GROUP,
    province: str = "90",
    status: MemberStatus = MemberStatus.PENDING,
    version: int = 1,
) -> MemberRegistered:
    district, subdistrict, postal, province_th, district_th, subdistrict_th = SITES[province]
    return MemberRegistered(
        member_id=member_id,
        version=version,
        member_type=member_type,
        name_th=name_th,
        community_enterprise=False,
        status=status,
        contact=Contact(name="สมศรี ใจดี"),
        site=SiteAddress(
            address_line="99 หมู่ 3",
            subdistrict_code=subdistrict,
            district_code=district,
            province_code=province,
            postal_code=postal,
            subdistrict_name_th=subdistrict_th,
            district_name_th=district_th,
            province_name_th=province_th,
        ),
        registered_at=datetime(2026, 1, 5, 10, 0, tzinfo=BANGKOK),
    )


def status_changed(
    member_id: uuid.UUID, status: MemberStatus, version: int, previous: MemberStatus
) -> MemberStatusChanged:
    return MemberStatusChanged(
        member_id=member_id, version=version, previous_status=previous, status=status
    )


def listed(
    member_id: uuid.UUID,
    *,
    segment: DevelopmentSegment | None = DevelopmentSegment.B,
    category: ProductCategory = ProductCategory.FOOD,
    stars: int | None = None,
    province: str = "90",
    product_id: uuid.UUID | None = None,
    version: int = 1,
) -> ProductListed:
    return ProductListed(
        product_id=product_id or uuid.uuid4(),
        member_id=member_id,
        version=version,
        sku=f"SKU-{uuid.uuid4().hex[:8]}",
        name_th="ข้าวเกรียบปลา",
        category=category,
        unit="ถุง",
        price="45.00",  # type: ignore[arg-type]
        certifications=[],
        segment=segment,
        stars=stars,
        status=ProductStatus.LISTED,
        province_code=province,
    )


def role(member_id: uuid.UUID, network_role: NetworkRole, province: str = "90") -> RoleAssigned:
    return RoleAssigned(
        assignment_id=uuid.uuid4(),
        member_id=member_id,
        person_name="สมชาย รักถิ่น",
        role=network_role,
        province_code=province,
        term_start=date(2025, 1, 1),
        term_end=date(2030, 1, 1),
    )


@dataclass
class RegistryFeed:
    """Feeds registry events to the app's consumers, as they would arrive from Kafka."""

    app: FastAPI
    outcomes: list[Outcome] = field(default_factory=list)

    async def send(self, aggregate_id: uuid.UUID, data: BaseModel) -> Outcome:
        incoming = message(aggregate_id, data)
        consumer = runtime_of(self.app).consumers[incoming.topic]
        outcome: Outcome = await consumer.handle(incoming)
        self.outcomes.append(outcome)
        return outcome

    async def member(
        self,
        *,
        segment: DevelopmentSegment | None = DevelopmentSegment.B,
        category: ProductCategory = ProductCategory.FOOD,
        stars: int | None = None,
        roles: tuple[NetworkRole, ...] = (),
        **details: Any,
    ) -> uuid.UUID:
        """An active member with one listed product (of `segment` and `category`)."""
        member_id = uuid.uuid4()
        province = details.get("province", "90")
        await self.send(member_id, registered(member_id, **details))
        await self.send(
            member_id,
            status_changed(member_id, MemberStatus.ACTIVE, 2, MemberStatus.PENDING),
        )
        product = listed(
            member_id, segment=segment, category=category, stars=stars, province=province
        )
        await self.send(product.product_id, product)
        for network_role in roles:
            await self.send(member_id, role(member_id, network_role, province))
        return member_id
