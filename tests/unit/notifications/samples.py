"""Contract events of every kind the notifications service reacts to, for tests."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from shared.contracts import events, registry, sales
from shared.messaging.bus import EventMetadata
from shared.timeutil import BANGKOK

STARTS = datetime(2026, 12, 5, 9, 0, tzinfo=BANGKOK)


def member(
    member_id: uuid.UUID | None = None,
    *,
    version: int = 1,
    language: str = "th",
    email: str | None = "somsri@example.org",
    phone: str | None = "0812345678",
    line_id: str | None = "U4af4980629aa0ff5f0c8b6a1d1bd6c1a",
    status: registry.MemberStatus = registry.MemberStatus.ACTIVE,
) -> registry.MemberRegistered:
    return registry.MemberRegistered(
        member_id=member_id or uuid.uuid4(),
        version=version,
        member_type=registry.MemberType.COMMUNITY_GROUP,
        name_th="กลุ่มแม่บ้านเกษตรกรควนลัง",
        name_en="Khuan Lang Housewives Group",
        community_enterprise=True,
        status=status,
        preferred_language=language,
        contact=registry.Contact(name="สมศรี ใจดี", phone=phone, email=email, line_id=line_id),
        site=registry.SiteAddress(
            address_line="12 หมู่ 3",
            subdistrict_code="901103",
            district_code="9011",
            province_code="90",
            postal_code="90110",
            subdistrict_name_th="ควนลัง",
            district_name_th="หาดใหญ่",
            province_name_th="สงขลา",
        ),
        registered_at=datetime(2026, 1, 5, 10, 0, tzinfo=BANGKOK),
    )


def status_changed(member_id: uuid.UUID, version: int = 2) -> registry.MemberStatusChanged:
    return registry.MemberStatusChanged(
        member_id=member_id,
        version=version,
        previous_status=registry.MemberStatus.PENDING,
        status=registry.MemberStatus.ACTIVE,
        reason="เอกสารครบถ้วน",
    )


def product_rated(member_id: uuid.UUID) -> registry.ProductRated:
    return registry.ProductRated(
        product_id=uuid.uuid4(),
        member_id=member_id,
        version=3,
        sku="SKL-0001",
        round_year=2024,
        stars=5,
        previous_stars=4,
        current_stars=5,
        rated_on=date(2024, 8, 15),
    )


def summary(event_id: uuid.UUID | None = None, starts: datetime = STARTS) -> events.EventSummary:
    return events.EventSummary(
        event_id=event_id or uuid.uuid4(),
        kind=events.EventKind.SHOWCASE,
        title_th="2 ทศวรรษ OTOP ภาคใต้",
        title_en="Two Decades of Southern OTOP",
        host_province_code="90",
        venue_th="ศูนย์ประชุมนานาชาติฉลองสิริราชสมบัติครบ 60 ปี หาดใหญ่",
        venue_en="Hat Yai International Convention Centre",
        starts_at=starts,
        ends_at=starts + timedelta(days=4),
    )


def _change(member_id: uuid.UUID, event: events.EventSummary, version: int) -> dict:
    return {
        "registration_id": uuid.uuid4(),
        "event_id": event.event_id,
        "member_id": member_id,
        "version": version,
        "event": event,
        "occurred_at": datetime(2026, 11, 21, 10, 0, tzinfo=BANGKOK),
    }


def confirmed(
    member_id: uuid.UUID, event: events.EventSummary | None = None, version: int = 1
) -> events.RegistrationConfirmed:
    return events.RegistrationConfirmed(**_change(member_id, event or summary(), version))


def waitlisted(member_id: uuid.UUID, event: events.EventSummary | None = None):  # type: ignore[no-untyped-def]
    return events.RegistrationWaitlisted(**_change(member_id, event or summary(), 1), position=3)


def promoted(member_id: uuid.UUID, event: events.EventSummary | None = None):  # type: ignore[no-untyped-def]
    return events.RegistrationPromoted(**_change(member_id, event or summary(), 2), quota=None)


def cancelled(
    member_id: uuid.UUID,
    event: events.EventSummary | None = None,
    reason: events.CancellationReason = events.CancellationReason.MEMBER_CANCELLED,
    registration_id: uuid.UUID | None = None,
    version: int = 3,
) -> events.RegistrationCancelled:
    fields = _change(member_id, event or summary(), version)
    if registration_id is not None:
        fields["registration_id"] = registration_id
    return events.RegistrationCancelled(
        **fields, previous_status=events.RegistrationStatus.CONFIRMED, reason=reason
    )


def booth(member_id: uuid.UUID, event: events.EventSummary | None = None) -> events.BoothAssigned:
    return events.BoothAssigned(
        **_change(member_id, event or summary(), 2), zone="B", booth_number=14, assigned_by="staff"
    )


def published(
    event_id: uuid.UUID | None = None,
    *,
    version: int = 1,
    starts: datetime = STARTS,
    status: events.EventStatus = events.EventStatus.PUBLISHED,
) -> events.EventPublished:
    return events.EventPublished(
        event_id=event_id or uuid.uuid4(),
        version=version,
        kind=events.EventKind.SHOWCASE,
        status=status,
        title_th="2 ทศวรรษ OTOP ภาคใต้",
        title_en="Two Decades of Southern OTOP",
        host_province_code="90",
        venue_th="ศูนย์ประชุมนานาชาติ หาดใหญ่",
        venue_en="Hat Yai Convention Centre",
        starts_at=starts,
        ends_at=starts + timedelta(days=4),
        registration_opens_at=starts - timedelta(days=30),
        registration_closes_at=starts - timedelta(days=2),
        capacity=120,
        capacity_unit=events.CapacityUnit.BOOTHS,
        eligibility=events.Eligibility(),
    )


def event_cancelled(
    event_id: uuid.UUID, member_ids: list[uuid.UUID], version: int = 5
) -> events.EventCancelled:
    return events.EventCancelled(
        event_id=event_id,
        version=version,
        kind=events.EventKind.SHOWCASE,
        title_th="2 ทศวรรษ OTOP ภาคใต้",
        title_en="Two Decades of Southern OTOP",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(days=4),
        reason="น้ำท่วมพื้นที่จัดงาน",
        cancelled_at=datetime(2026, 11, 21, 11, 0, tzinfo=BANGKOK),
        registrations=[
            events.AffectedRegistration(
                registration_id=uuid.uuid4(),
                member_id=m,
                previous_status=events.RegistrationStatus.CONFIRMED,
            )
            for m in member_ids
        ],
    )


def daily_summary(
    producer_id: uuid.UUID,
    *,
    day: date = date(2026, 11, 20),
    revision: int = 1,
    sale_count: int = 12,
    gross: str = "1250.50",
    refunds: str = "0.00",
) -> sales.DailySummary:
    net = Decimal(gross) - Decimal(refunds)
    return sales.DailySummary(
        producer_id=producer_id,
        business_day=day,
        revision=revision,
        sale_count=sale_count,
        items_sold=sale_count * 2,
        gross_sales=gross,
        refunds=refunds,
        net_sales=str(net),
        products=[
            sales.ProductDaySales(
                product_id=uuid.uuid4(),
                sku="SKL-0001",
                quantity_sold=sale_count * 2,
                quantity_refunded=0,
                net_sales=str(net),
            )
        ],
        generated_at=datetime(2026, 11, 21, 0, 30, tzinfo=BANGKOK),
    )


def settlement(producer_id: uuid.UUID) -> sales.SettlementIssued:
    return sales.SettlementIssued(
        settlement_id=uuid.uuid4(),
        producer_id=producer_id,
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 15),
        sale_count=84,
        gross_sales="25400.00",
        refunds="350.00",
        net_sales="25050.00",
        commission_percent=Decimal("10.00"),
        commission="2505.00",
        net_payout="22545.00",
        issued_at=datetime(2026, 11, 16, 9, 0, tzinfo=BANGKOK),
    )


def metadata(event_type: str, event_id: uuid.UUID | None = None) -> EventMetadata:
    """The envelope of a consumed event (all but its data)."""
    return EventMetadata(
        event_id=event_id or uuid.uuid4(),
        event_type=event_type,
        event_version=1,
        occurred_at=datetime.now(BANGKOK),
        producer="test",
        aggregate_id=str(uuid.uuid4()),
        correlation_id=uuid.uuid4(),
        causation_id=None,
        topic="test",
    )
