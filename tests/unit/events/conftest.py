from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from services.events.domain.event import Event
from services.events.domain.members import ListedProduct, MemberProfile
from services.events.service_layer import commands, event_handlers
from shared.contracts.events import Eligibility, EventKind
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.timeutil import BANGKOK
from tests.unit.events.fakes import FakeEventsUnitOfWork

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=BANGKOK)


def clock() -> datetime:
    return NOW


def event_details(**overrides: Any) -> dict[str, Any]:
    start = datetime(2026, 12, 20, 9, 0, tzinfo=BANGKOK)
    details: dict[str, Any] = {
        "kind": EventKind.SHOWCASE,
        "title_th": "2 ทศวรรษ OTOP ภาคใต้",
        "title_en": None,
        "description_th": None,
        "description_en": None,
        "host_province_code": "90",
        "venue_th": "ศูนย์ประชุมนานาชาติ มหาวิทยาลัยสงขลานครินทร์",
        "venue_en": None,
        "starts_at": start,
        "ends_at": start + timedelta(days=4),
        "registration_opens_at": NOW - timedelta(days=1),
        "registration_closes_at": start - timedelta(days=1),
        "capacity": 3,
        "budget": None,
        "eligibility": Eligibility(),
        "quotas": [],
        "requires_approval": False,
    }
    details.update(overrides)
    return details


def new_event(**overrides: Any) -> Event:
    return Event.plan(**event_details(**overrides))


def member(
    *,
    segment: DevelopmentSegment | None = DevelopmentSegment.B,
    category: ProductCategory = ProductCategory.FOOD,
    stars: int | None = None,
    status: MemberStatus = MemberStatus.ACTIVE,
    member_type: MemberType = MemberType.COMMUNITY_GROUP,
    province: str = "90",
    roles: frozenset[NetworkRole] = frozenset(),
) -> MemberProfile:
    return MemberProfile(
        member_id=uuid.uuid4(),
        member_type=member_type,
        status=status,
        province_code=province,
        name_th="กลุ่มแม่บ้านบ้านควนลัง",
        products=(ListedProduct(category=category, segment=segment, stars=stars),),
        roles=roles,
    )


@pytest.fixture
def uow() -> FakeEventsUnitOfWork:
    return FakeEventsUnitOfWork()


PublishedEvent = Callable[..., Awaitable[Event]]


@pytest.fixture
def published(uow: FakeEventsUnitOfWork) -> PublishedEvent:
    async def _published(**overrides: Any) -> Event:
        body = {k: v for k, v in event_details(**overrides).items()}
        event = await event_handlers.plan_event(
            commands.PlanEvent(details=commands.EventDetails.model_validate(body)), uow
        )
        return await event_handlers.publish_event(
            commands.PublishEvent(event_id=event.event_id), uow, clock
        )

    return _published


@pytest.fixture
def join(uow: FakeEventsUnitOfWork) -> Callable[[MemberProfile], MemberProfile]:
    def _join(profile: MemberProfile) -> MemberProfile:
        uow.state.members[profile.member_id] = profile
        return profile

    return _join
