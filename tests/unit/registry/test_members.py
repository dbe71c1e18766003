"""Members: registration, changes and status transitions, through the handlers and the model."""

from __future__ import annotations

import uuid

import pytest

from services.registry.domain.members import Member
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import (
    Contact,
    MemberRegistered,
    MemberStatus,
    MemberStatusChanged,
    MemberType,
    MemberUpdated,
)
from shared.errors import InvalidInput, InvalidTransition, NotFound
from shared.messaging.context import bind_correlation
from tests.integration.registry.payloads import member_payload
from tests.unit.registry.conftest import FIXED_NOW, RegisterMember
from tests.unit.registry.fakes import FakeRegistryUnitOfWork


def _status_change(member: Member, status: MemberStatus, reason: str | None = None):  # type: ignore[no-untyped-def]
    return commands.ChangeMemberStatus(
        member_id=member.member_id, change=commands.StatusChange(status=status, reason=reason)
    )


def _update(member: Member, **changes: object) -> commands.UpdateMember:
    return commands.UpdateMember(
        member_id=member.member_id, changes=commands.MemberChanges.model_validate(changes)
    )


async def test_registration_stores_a_pending_member_and_emits_member_registered(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    correlation = uuid.uuid4()
    bind_correlation(correlation)

    member = await register()

    assert member.status is MemberStatus.PENDING
    assert member.version == 1
    assert member.registered_at == FIXED_NOW
    assert uow.state.members[member.member_id].name_th == member_payload()["name_th"]
    [(topic, envelope)] = uow.committed_events
    assert topic == "registry.members.v1"
    assert envelope.event_type == "member.registered"
    assert envelope.event_version == 1
    assert envelope.producer == "registry"
    assert envelope.aggregate_id == str(member.member_id)
    assert envelope.correlation_id == correlation
    assert envelope.occurred_at.utcoffset() is not None
    assert isinstance(envelope.data, MemberRegistered)
    assert envelope.data.status is MemberStatus.PENDING
    assert envelope.data.member_id == member.member_id
    assert envelope.data.version == 1


async def test_registration_resolves_the_site_names_and_default_postal_code(
    register: RegisterMember,
) -> None:
    member = await register()

    assert member.site.province_name_th == "สงขลา"
    assert member.site.district_name_th == "หาดใหญ่"
    assert member.site.subdistrict_name_th == "คูเต่า"
    assert member.site.postal_code == "90110"


async def test_registration_with_an_invalid_site_stores_nothing_and_emits_nothing(
    uow: FakeRegistryUnitOfWork,
) -> None:
    payload = member_payload()
    payload["site"] = {**payload["site"], "district_code": "4001"}
    cmd = commands.RegisterMember.model_validate(payload)

    with pytest.raises(InvalidInput, match="4001"):
        await handlers.register_member(cmd, uow)

    assert uow.state.members == {}
    assert uow.committed_events == []


async def test_an_enterprise_number_without_community_enterprise_status_is_refused(
    register: RegisterMember,
) -> None:
    member = await register()
    assert member.community_enterprise_no == "9011-0123"

    with pytest.raises(InvalidInput, match="community_enterprise"):
        Member.register(
            member_type=MemberType.SME,
            name_th="ร้านขนมบ้านสวน",
            name_en=None,
            contact=Contact(name="นายสมชาย ขยันดี"),
            site=member.site,
            community_enterprise=False,
            community_enterprise_no="9011-0001",
            preferred_language="th",
            now=FIXED_NOW,
        )
    with pytest.raises(InvalidInput, match="community_enterprise"):
        member.update(community_enterprise=False)
    assert member.community_enterprise is True
    assert member.version == 1


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], MemberStatus.ACTIVE),
        ([], MemberStatus.WITHDRAWN),
        ([MemberStatus.ACTIVE], MemberStatus.SUSPENDED),
        ([MemberStatus.ACTIVE, MemberStatus.SUSPENDED], MemberStatus.ACTIVE),
        ([MemberStatus.ACTIVE, MemberStatus.SUSPENDED], MemberStatus.WITHDRAWN),
    ],
)
async def test_allowed_status_changes_bump_the_version_and_emit_status_changed(
    uow: FakeRegistryUnitOfWork,
    register: RegisterMember,
    path: list[MemberStatus],
    target: MemberStatus,
) -> None:
    member = await register()
    for step in path:
        member = await handlers.change_member_status(_status_change(member, step), uow)
    before = member.status

    changed = await handlers.change_member_status(
        _status_change(member, target, "ตามมติคณะกรรมการ"), uow
    )

    assert changed.status is target
    assert changed.version == len(path) + 2
    assert uow.state.members[member.member_id].status is target
    last = uow.committed_events[-1][1]
    assert last.event_type == "member.status_changed"
    assert isinstance(last.data, MemberStatusChanged)
    assert (last.data.previous_status, last.data.status) == (before, target)
    assert last.data.version == changed.version
    assert last.data.reason == "ตามมติคณะกรรมการ"


@pytest.mark.parametrize(
    "target", [MemberStatus.ACTIVE, MemberStatus.PENDING, MemberStatus.SUSPENDED]
)
async def test_withdrawal_is_final(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, target: MemberStatus
) -> None:
    member = await register(MemberStatus.WITHDRAWN)
    events_before = len(uow.committed_events)

    with pytest.raises(InvalidTransition, match="final"):
        await handlers.change_member_status(_status_change(member, target), uow)

    assert uow.state.members[member.member_id].status is MemberStatus.WITHDRAWN
    assert len(uow.committed_events) == events_before


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (MemberStatus.ACTIVE, MemberStatus.PENDING),
        (MemberStatus.SUSPENDED, MemberStatus.PENDING),
        (MemberStatus.PENDING, MemberStatus.SUSPENDED),
    ],
)
async def test_status_changes_outside_the_lifecycle_are_refused(
    register: RegisterMember, status: MemberStatus, target: MemberStatus
) -> None:
    member = await register(status)
    with pytest.raises(InvalidTransition, match=f"{status.value} member cannot become"):
        member.change_status(target, None)
    assert member.status is status


@pytest.mark.parametrize("status", list(MemberStatus))
async def test_changing_to_the_same_status_is_refused(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, status: MemberStatus
) -> None:
    member = await register(status)
    version = member.version

    with pytest.raises(InvalidTransition, match=f"already {status.value}"):
        await handlers.change_member_status(_status_change(member, status), uow)

    assert uow.state.members[member.member_id].version == version


async def test_status_change_of_an_unknown_member_is_not_found(
    uow: FakeRegistryUnitOfWork,
) -> None:
    missing = uuid.uuid4()
    cmd = commands.ChangeMemberStatus(
        member_id=missing, change=commands.StatusChange(status=MemberStatus.ACTIVE)
    )
    with pytest.raises(NotFound, match=str(missing)):
        await handlers.change_member_status(cmd, uow)


async def test_update_without_a_real_change_emits_nothing_and_keeps_the_version(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()
    payload = member_payload()
    events_before = len(uow.committed_events)

    same = await handlers.update_member(
        _update(
            member,
            name_th=payload["name_th"],
            name_en=payload["name_en"],
            contact=payload["contact"],
            site=payload["site"],
            community_enterprise=True,
        ),
        uow,
    )

    assert same.version == 1
    assert uow.state.members[member.member_id].version == 1
    assert len(uow.committed_events) == events_before
    assert member.update(name_th=payload["name_th"]) is None


async def test_update_bumps_the_version_and_lists_the_changed_fields(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()
    payload = member_payload()

    updated = await handlers.update_member(
        _update(
            member,
            name_th=payload["name_th"],
            name_en="Khu Tao Women's Food Group",
            contact={**payload["contact"], "phone": "081-999-8888"},
        ),
        uow,
    )

    assert updated.version == 2
    assert updated.contact.phone == "0819998888"
    stored = uow.state.members[member.member_id]
    assert (stored.version, stored.name_en) == (2, "Khu Tao Women's Food Group")
    envelope = uow.committed_events[-1][1]
    assert envelope.event_type == "member.updated"
    assert isinstance(envelope.data, MemberUpdated)
    assert envelope.data.changed_fields == ["contact", "name_en"]
    assert envelope.data.version == 2
    assert envelope.data.name_en == "Khu Tao Women's Food Group"


async def test_moving_the_site_resolves_the_new_address(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()
    new_site = {
        "address_line": "12 ถนนนครนอก",
        "province_code": "90",
        "district_code": "9001",
        "subdistrict_code": "900101",
    }

    updated = await handlers.update_member(_update(member, site=new_site), uow)

    assert updated.site.district_name_th == "เมืองสงขลา"
    assert updated.site.postal_code == "90000"
    assert uow.committed_events[-1][1].data.changed_fields == ["site"]


async def test_a_name_given_as_null_in_an_update_leaves_the_name_as_it_is(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()

    updated = await handlers.update_member(_update(member, name_th=None), uow)

    assert updated.name_th == member_payload()["name_th"]
    assert updated.version == 1


async def test_a_withdrawn_member_cannot_be_changed(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.WITHDRAWN)

    with pytest.raises(InvalidTransition, match="withdrawn"):
        await handlers.update_member(_update(member, name_en="Another name"), uow)

    assert uow.state.members[member.member_id].name_en == member_payload()["name_en"]
