"""sales.transactions.v1 and sales.settlements.v1: a producer's daily sales digest and
settlements."""

from __future__ import annotations

from services.notifications.service_layer.notify import Clock, NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.contracts.sales import DailySummary, SettlementIssued
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok


async def on_daily_summary(
    data: DailySummary,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    """One digest per producer and business day: the first summary of the day is sent; a
    later revision (sales uploaded after the day) is recorded but not sent again."""
    async with uow:
        first = await uow.digests.record(
            data.producer_id, data.business_day, data.revision, metadata.event_id
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
                NotificationRequest(
                    NotificationKind.SALES_DAILY_SUMMARY, data.producer_id, metadata, context
                ),
                clock,
            )
        await uow.commit()


async def on_settlement_issued(
    data: SettlementIssued,
    metadata: EventMetadata,
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
            NotificationRequest(
                NotificationKind.SETTLEMENT_ISSUED, data.producer_id, metadata, context
            ),
            clock,
        )
        await uow.commit()


TRANSACTION_HANDLERS: EventHandlers = {DailySummary: on_daily_summary}
SETTLEMENT_HANDLERS: EventHandlers = {SettlementIssued: on_settlement_issued}
