"""Contract events of development projects and trainings, for tests: Mukdahan's KBO project
of 2021 and Songkhla's network training of 2022."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from shared.contracts import development, events, registry, trainings
from shared.timeutil import BANGKOK

PROJECT_STARTS = datetime(2021, 6, 7, 9, 0, tzinfo=BANGKOK)
TRAINING_STARTS = datetime(2022, 3, 15, 9, 0, tzinfo=BANGKOK)
STAFF = "3f2c9a54-0d7e-4a4b-9a40-6a1f8f1c2b11"


def project(event_id: uuid.UUID | None = None, version: int = 1) -> events.EventPublished:
    return events.EventPublished(
        event_id=event_id or uuid.uuid4(),
        version=version,
        kind=events.EventKind.DEVELOPMENT_PROJECT,
        status=events.EventStatus.PUBLISHED,
        title_th="โครงการพัฒนาผลิตภัณฑ์ OTOP ด้วยองค์ความรู้ KBO จังหวัดมุกดาหาร",
        title_en="Mukdahan KBO product development project",
        host_province_code="49",
        venue_th="ศาลากลางจังหวัดมุกดาหาร",
        venue_en="Mukdahan Provincial Hall",
        starts_at=PROJECT_STARTS,
        ends_at=PROJECT_STARTS + timedelta(days=1, hours=8),
        registration_opens_at=PROJECT_STARTS - timedelta(days=30),
        registration_closes_at=PROJECT_STARTS - timedelta(days=3),
        capacity=40,
        capacity_unit=events.CapacityUnit.SEATS,
        budget=Decimal("500000.00"),
        eligibility=events.Eligibility(),
    )


def training(event_id: uuid.UUID | None = None) -> events.EventPublished:
    return project(event_id).model_copy(
        update={
            "kind": events.EventKind.TRAINING,
            "title_th": "อบรมเครือข่าย OTOP จังหวัดสงขลา",
            "title_en": "Songkhla OTOP network training",
            "host_province_code": "90",
            "starts_at": TRAINING_STARTS,
            "ends_at": TRAINING_STARTS + timedelta(days=1, hours=8),
        }
    )


def product_listed(member_id: uuid.UUID, product_id: uuid.UUID) -> registry.ProductListed:
    return registry.ProductListed(
        product_id=product_id,
        member_id=member_id,
        version=1,
        sku="MDH-0007",
        name_th="ผ้าไหมลายแคนมุกดาหาร",
        name_en="Mukdahan khaen-pattern silk",
        category=registry.ProductCategory.TEXTILES_AND_CLOTHING,
        unit="ผืน",
        price=Decimal("1500.00"),
        certifications=[],
        segment=registry.DevelopmentSegment.D,
        stars=2,
        status=registry.ProductStatus.LISTED,
        province_code="49",
    )


def grant(
    member_id: uuid.UUID,
    event_id: uuid.UUID,
    recipient: development.RecipientKind = development.RecipientKind.GROUP,
) -> development.GrantAllocated:
    return development.GrantAllocated(
        grant_id=uuid.uuid4(),
        event_id=event_id,
        member_id=member_id,
        recipient_kind=recipient,
        amount=Decimal("50000.00"),
        purpose_th="พัฒนาบรรจุภัณฑ์และฉลากสินค้า",
        allocated_total=Decimal("150000.00"),
        budget=Decimal("500000.00"),
        allocated_by=STAFF,
        allocated_at=datetime(2021, 6, 8, 14, 30, tzinfo=BANGKOK),
    )


def disbursed(allocated: development.GrantAllocated) -> development.GrantDisbursed:
    return development.GrantDisbursed(
        disbursement_id=uuid.uuid4(),
        grant_id=allocated.grant_id,
        event_id=allocated.event_id,
        member_id=allocated.member_id,
        amount=Decimal("25000.50"),
        disbursed_total=Decimal("25000.50"),
        approved_by=STAFF,
        disbursed_on=date(2021, 7, 1),
        recorded_at=datetime(2021, 7, 1, 10, 0, tzinfo=BANGKOK),
    )


def plan(
    member_id: uuid.UUID, event_id: uuid.UUID, product_id: uuid.UUID, version: int = 1
) -> development.PlanRecorded:
    return development.PlanRecorded(
        event_id=event_id,
        product_id=product_id,
        member_id=member_id,
        version=version,
        goal_th="ยกระดับเป็นผลิตภัณฑ์ 4 ดาว",
        goal_en="Reach a 4-star rating",
        actions=["ออกแบบลวดลายใหม่", "ขอรับรองมาตรฐาน มผช."],
        target_stars=4,
        stars_before=2,
        recorded_at=datetime(2021, 6, 8, 16, 0, tzinfo=BANGKOK),
    )


def nominated(
    member_id: uuid.UUID, event_id: uuid.UUID, product_id: uuid.UUID
) -> development.ProductNominated:
    return development.ProductNominated(
        nomination_id=uuid.uuid4(),
        event_id=event_id,
        province_code="49",
        product_id=product_id,
        member_id=member_id,
        nominated_by_member_id=uuid.uuid4(),
        nominated_at=datetime(2021, 6, 8, 17, 0, tzinfo=BANGKOK),
    )


def certificates(event_id: uuid.UUID, *registration_ids: uuid.UUID) -> trainings.CertificatesIssued:
    return trainings.CertificatesIssued(
        event_id=event_id,
        certificates=[
            trainings.IssuedCertificate(
                registration_id=r, number=f"2565-{i:03d}", sessions_attended=8
            )
            for i, r in enumerate(registration_ids, start=1)
        ],
        issued_at=datetime(2022, 3, 16, 16, 30, tzinfo=BANGKOK),
    )
