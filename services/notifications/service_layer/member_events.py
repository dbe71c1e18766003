"""registry.members.v1: keep the members' contacts; tell a member their status changed."""

from __future__ import annotations

from services.notifications.service_layer.notify import Clock, NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.contracts.registry import (
    MemberErased,
    MemberRegistered,
    MemberSnapshot,
    MemberStatusChanged,
    MemberUpdated,
)
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok


async def on_member_snapshot(
    member: MemberSnapshot, metadata: EventMetadata, uow: NotificationsUnitOfWork
) -> None:
    async with uow:
        await uow.contacts.apply_snapshot(member)
        await uow.commit()


async def on_member_erased(
    member: MemberErased, metadata: EventMetadata, uow: NotificationsUnitOfWork
) -> None:
    """The registry erased the member's personal data (PDPA): the contact copy takes the
    erased snapshot (no e-mail, phone or LINE id; names as erased), whose newer version
    keeps any older snapshot from bringing the addresses back. Preferences and deliveries
    hold no address; they keep their ids, kinds, states and times."""
    async with uow:
        await uow.contacts.apply_snapshot(member)
        await uow.commit()


async def on_member_status_changed(
    data: MemberStatusChanged,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    async with uow:
        await uow.contacts.apply_status(data.member_id, data.status, data.version)
        await notify(
            uow,
            NotificationRequest(
                NotificationKind.MEMBER_STATUS_CHANGED,
                data.member_id,
                metadata,
                data.model_dump(mode="json", include={"previous_status", "status", "reason"}),
            ),
            clock,
        )
        await uow.commit()


HANDLERS: EventHandlers = {
    MemberRegistered: on_member_snapshot,
    MemberUpdated: on_member_snapshot,
    MemberErased: on_member_erased,
    MemberStatusChanged: on_member_status_changed,
}
