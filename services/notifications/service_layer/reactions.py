"""What the service does when another service's event arrives: keep its read models and
queue the notifications a member should get. Each handler runs inside the consumer's inbox
transaction, through the unit of work passed in."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from services.notifications.service_layer.notify import (
    Clock,
    NotificationRequest,
    SourceEvent,
    notify,
)
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import events, registry, sales
from shared.contracts.notifications import NotificationKind
from shared.timeutil import BANGKOK, now_bangkok

REMINDER_TIME = time(9, 0)  # Asia/Bangkok, on the day before the event starts

Kind = NotificationKind


def remind_at(starts_at: datetime, now: datetime) -> datetime:
    """09:00 Bangkok time the day before the event's first day (at once if that has passed)."""
    day_before = starts_at.astimezone(BANGKOK).date() - timedelta(days=1)
    moment = datetime.combine(day_before, REMINDER_TIME, tzinfo=BANGKOK)
    return max(moment, now)


def _event_context(summary: events.EventSummary | events.EventSnapshot) -> dict[str, Any]:
    return summary.model_dump(
        mode="json",
        include={
            "event_id",
            "kind",
            "title_th",
            "title_en",
            "venue_th",
            "venue_en",
            "host_province_code",
            "starts_at",
            "ends_at",
        },
    )


# --- registry.members.v1 ---------------------------------------------------------------


async def on_member_snapshot(
    member: registry.MemberSnapshot, source: SourceEvent, uow: NotificationsUnitOfWork
) -> None:
    async with uow:
        await uow.contacts.apply_snapshot(member)
        await uow.commit()


async def on_member_erased(
    member: registry.MemberErased, source: SourceEvent, uow: NotificationsUnitOfWork
) -> None:
    """The registry erased the member's personal data (PDPA): the contact copy takes the
    erased snapshot (no e-mail, phone or LINE id; names as erased), whose newer version
    keeps any older snapshot from bringing the addresses back. Preferences and deliveries
    hold no address; they keep their ids, kinds, states and times."""
    async with uow:
        await uow.contacts.apply_snapshot(member)
        await uow.commit()


async def on_member_status_changed(
    data: registry.MemberStatusChanged,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    async with uow:
        await uow.contacts.apply_status(data.member_id, data.status, data.version)
        await notify(
            uow,
            NotificationRequest(
                Kind.MEMBER_STATUS_CHANGED,
                data.member_id,
                source,
                data.model_dump(mode="json", include={"previous_status", "status", "reason"}),
            ),
            clock,
        )
        await uow.commit()


# --- registry.products.v1 --------------------------------------------------------------


async def on_product_rated(
    data: registry.ProductRated,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = data.model_dump(
        mode="json",
        include={"sku", "round_year", "stars", "previous_stars", "current_stars", "rated_on"},
    )
    async with uow:
        await notify(
            uow, NotificationRequest(Kind.PRODUCT_RATED, data.member_id, source, context), clock
        )
        await uow.commit()


# --- events.registrations.v1 -----------------------------------------------------------

_REGISTRATION_KINDS: dict[type[events.RegistrationChange], tuple[Kind, str]] = {
    events.RegistrationConfirmed: (Kind.REGISTRATION_CONFIRMED, "confirmed"),
    events.RegistrationWaitlisted: (Kind.REGISTRATION_WAITLISTED, "waitlisted"),
    events.RegistrationPromoted: (Kind.REGISTRATION_PROMOTED, "confirmed"),
    events.RegistrationCancelled: (Kind.REGISTRATION_CANCELLED, "cancelled"),
}


async def on_registration_changed(
    data: events.RegistrationChange,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    kind, status = _REGISTRATION_KINDS[type(data)]
    context: dict[str, Any] = {"event": _event_context(data.event)}
    if isinstance(data, events.RegistrationWaitlisted):
        context["position"] = data.position
    if isinstance(data, events.RegistrationConfirmed | events.RegistrationPromoted):
        context["quota"] = data.quota
    if isinstance(data, events.RegistrationCancelled):
        context["reason"] = data.reason.value
        context["previous_status"] = data.previous_status.value
    async with uow:
        await uow.registrations.apply(
            data.registration_id, data.event_id, data.member_id, status, data.version
        )
        # A cancelled event tells its members once, through event.cancelled.
        skip = (
            isinstance(data, events.RegistrationCancelled)
            and data.reason is events.CancellationReason.EVENT_CANCELLED
        )
        if not skip:
            await notify(
                uow,
                NotificationRequest(kind, data.member_id, source, context, data.event_id),
                clock,
            )
        await uow.commit()


async def on_booth_assigned(
    data: events.BoothAssigned,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "event": _event_context(data.event),
        "zone": data.zone,
        "booth_number": data.booth_number,
    }
    async with uow:
        await notify(
            uow,
            NotificationRequest(
                Kind.BOOTH_ASSIGNED, data.member_id, source, context, data.event_id
            ),
            clock,
        )
        await uow.commit()


# --- events.showcases.v1 ---------------------------------------------------------------


async def on_event_scheduled(
    data: events.EventSnapshot,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    """Published or updated: (re)schedule the reminder the day before; a cancelled or
    closed event has none."""
    async with uow:
        if data.status in (events.EventStatus.CANCELLED, events.EventStatus.CLOSED):
            await uow.reminders.drop(data.event_id, data.version)
        elif data.status is events.EventStatus.PUBLISHED:
            await uow.reminders.schedule(
                data.event_id,
                data.version,
                _event_context(data),
                data.starts_at,
                remind_at(data.starts_at, clock()),
            )
        await uow.commit()


async def on_event_cancelled(
    data: events.EventCancelled,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "event": data.model_dump(
            mode="json",
            include={"event_id", "kind", "title_th", "title_en", "starts_at", "ends_at"},
        ),
        "reason": data.reason,
    }
    async with uow:
        await uow.reminders.drop(data.event_id, data.version)
        for affected in data.registrations:
            await notify(
                uow,
                NotificationRequest(
                    Kind.EVENT_CANCELLED, affected.member_id, source, context, data.event_id
                ),
                clock,
            )
        await uow.commit()


# --- sales.transactions.v1 / sales.settlements.v1 --------------------------------------


async def on_daily_summary(
    data: sales.DailySummary,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    """One digest per producer and business day: the first summary of the day is sent; a
    later revision (sales uploaded after the day) is recorded but not sent again."""
    async with uow:
        first = await uow.digests.record(
            data.producer_id, data.business_day, data.revision, source.event_id
        )
        if first:
            context = data.model_dump(
                mode="json",
                include={
                    "business_day",
                    "revision",
                    "sale_count",
                    "items_sold",
                    "gross_sales",
                    "refunds",
                    "net_sales",
                    "products",
                },
            )
            await notify(
                uow,
                NotificationRequest(Kind.SALES_DAILY_SUMMARY, data.producer_id, source, context),
                clock,
            )
        await uow.commit()


async def on_settlement_issued(
    data: sales.SettlementIssued,
    source: SourceEvent,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = data.model_dump(
        mode="json",
        include={
            "settlement_id",
            "period_start",
            "period_end",
            "sale_count",
            "gross_sales",
            "refunds",
            "net_sales",
            "commission_percent",
            "commission",
            "net_payout",
        },
    )
    context["corrects"] = data.corrects is not None
    async with uow:
        await notify(
            uow,
            NotificationRequest(Kind.SETTLEMENT_ISSUED, data.producer_id, source, context),
            clock,
        )
        await uow.commit()
