"""events.showcases.v1, development projects and trainings: tell a member (or the member's
producer group) that a grant was allocated to them, that money of it was paid, that their
product's development plan was recorded, that their product was nominated for the national
KBO contest, and that their certificate of attendance was issued. A participant who is not
a member (an official) is not told: the service has no contact of theirs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from services.notifications.domain.places import province
from services.notifications.service_layer.notify import Clock, NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import development, trainings
from shared.contracts.notifications import NotificationKind as Kind
from shared.logging import get_logger
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok

log = get_logger(__name__)


@dataclass(frozen=True)
class _About:
    member_id: uuid.UUID
    event_id: uuid.UUID
    product_id: uuid.UUID | None = None


async def _project(uow: NotificationsUnitOfWork, event_id: uuid.UUID) -> dict[str, Any] | None:
    """The event's titles, or None when its publication was never read here (the templates
    then speak of "the project" without a title)."""
    return await uow.names.event(event_id)


async def _product(uow: NotificationsUnitOfWork, product_id: uuid.UUID) -> dict[str, Any]:
    named = await uow.names.product(product_id) or {}
    return {
        "product_id": str(product_id),
        "sku": named.get("sku"),
        "name_th": named.get("name_th"),
        "name_en": named.get("name_en") or named.get("name_th"),
    }


async def _tell(
    uow: NotificationsUnitOfWork,
    kind: Kind,
    about: _About,
    metadata: EventMetadata,
    context: dict[str, Any],
    clock: Clock,
) -> None:
    """Queue the member's notice, naming the project (and the product, if it is about one)."""
    async with uow:
        named: dict[str, Any] = {"project": await _project(uow, about.event_id)}
        if about.product_id is not None:
            named["product"] = await _product(uow, about.product_id)
        request = NotificationRequest(
            kind, about.member_id, metadata, {**named, **context}, about.event_id
        )
        await notify(uow, request, clock)
        await uow.commit()


async def on_grant_allocated(
    data: development.GrantAllocated,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "recipient_kind": data.recipient_kind.value,
        "amount": str(data.amount),
        "purpose_th": data.purpose_th,
        "allocated_at": data.allocated_at.isoformat(),
    }
    about = _About(data.member_id, data.event_id)
    await _tell(uow, Kind.GRANT_ALLOCATED, about, metadata, context, clock)


async def on_grant_disbursed(
    data: development.GrantDisbursed,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "amount": str(data.amount),
        "disbursed_total": str(data.disbursed_total),
        "disbursed_on": data.disbursed_on.isoformat(),
    }
    about = _About(data.member_id, data.event_id)
    await _tell(uow, Kind.GRANT_DISBURSED, about, metadata, context, clock)


async def on_plan_recorded(
    data: development.PlanRecorded,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "revised": data.version > 1,
        "goal_th": data.goal_th,
        "goal_en": data.goal_en,
        "actions": list(data.actions),
        "stars_before": data.stars_before,
        "target_stars": data.target_stars,
        "recorded_at": data.recorded_at.isoformat(),
    }
    about = _About(data.member_id, data.event_id, data.product_id)
    await _tell(uow, Kind.DEVELOPMENT_PLAN_RECORDED, about, metadata, context, clock)


async def on_product_nominated(
    data: development.ProductNominated,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "province": province(data.province_code),
        "nominated_at": data.nominated_at.isoformat(),
    }
    about = _About(data.member_id, data.event_id, data.product_id)
    await _tell(uow, Kind.PRODUCT_NOMINATED, about, metadata, context, clock)


async def on_certificates_issued(
    data: trainings.CertificatesIssued,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    async with uow:
        event = await _project(uow, data.event_id)
        for certificate in data.certificates:
            member_id = await uow.registrations.member_of(certificate.registration_id)
            if member_id is None:
                # An official or office holder: no contact is kept here, nobody to tell.
                log.info(
                    "certificate of a participant who is not a member: not told",
                    registration_id=str(certificate.registration_id),
                )
                continue
            context = {
                "event": event,
                "number": certificate.number,
                "sessions_attended": certificate.sessions_attended,
                "issued_at": data.issued_at.isoformat(),
            }
            await notify(
                uow,
                NotificationRequest(
                    Kind.CERTIFICATE_ISSUED, member_id, metadata, context, data.event_id
                ),
                clock,
            )
        await uow.commit()


HANDLERS: EventHandlers = {
    development.GrantAllocated: on_grant_allocated,
    development.GrantDisbursed: on_grant_disbursed,
    development.PlanRecorded: on_plan_recorded,
    development.ProductNominated: on_product_nominated,
    trainings.CertificatesIssued: on_certificates_issued,
}
