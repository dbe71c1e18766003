"""Events the notifications service publishes on `notifications.deliveries.v1`.

No personal data: the member appears by id, the channel by its kind, never the address.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import NOTIFICATIONS_DELIVERIES, EventType


class NotificationKind(StrEnum):
    REGISTRATION_CONFIRMED = "registration_confirmed"
    REGISTRATION_WAITLISTED = "registration_waitlisted"
    REGISTRATION_PROMOTED = "registration_promoted"
    REGISTRATION_CANCELLED = "registration_cancelled"
    BOOTH_ASSIGNED = "booth_assigned"
    EVENT_CANCELLED = "event_cancelled"  # critical: bypasses opt-outs and quiet hours
    EVENT_REMINDER = "event_reminder"
    PRODUCT_RATED = "product_rated"
    MEMBER_STATUS_CHANGED = "member_status_changed"
    SALES_DAILY_SUMMARY = "sales_daily_summary"
    SETTLEMENT_ISSUED = "settlement_issued"
    # The centre shop's consignment, to the producer.
    ASSORTMENT_APPROVED = "assortment_approved"
    ASSORTMENT_DECLINED = "assortment_declined"
    CONSIGNMENT_RECEIVED = "consignment_received"
    CONSIGNMENT_RETURNED = "consignment_returned"
    STOCK_LOW = "stock_low"
    STOCK_LOT_EXPIRING = "stock_lot_expiring"
    STOCK_RECALL_REQUESTED = "stock_recall_requested"  # critical: bypasses opt-outs
    # The shop's online orders, to the customer (who is not a member: no member_id).
    ORDER_PLACED = "order_placed"
    ORDER_PAID = "order_paid"
    ORDER_PACKED = "order_packed"
    ORDER_SHIPPED = "order_shipped"
    ORDER_COMPLETED = "order_completed"
    ORDER_CANCELLED = "order_cancelled"
    ORDER_EXPIRED = "order_expired"
    # Development projects and trainings, to the member (or the member's producer group).
    GRANT_ALLOCATED = "grant_allocated"
    GRANT_DISBURSED = "grant_disbursed"
    DEVELOPMENT_PLAN_RECORDED = "development_plan_recorded"
    PRODUCT_NOMINATED = "product_nominated"
    CERTIFICATE_ISSUED = "certificate_issued"


class Channel(StrEnum):
    LINE = "line"
    EMAIL = "email"
    SMS = "sms"
    WEBHOOK = "webhook"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class DeliveryOutcome(_Contract):
    delivery_id: uuid.UUID
    kind: NotificationKind
    member_id: uuid.UUID | None = None
    channel: Channel
    language: str
    # The event that caused the notification (its event_id and event_type).
    source_event_id: uuid.UUID
    source_event_type: str
    attempts: int = Field(ge=1)


class DeliverySent(DeliveryOutcome):
    """`delivery.sent` v1: the channel accepted the message."""

    sent_at: AwareDatetime


class DeliveryFailed(DeliveryOutcome):
    """`delivery.failed` v1: every channel the member allows failed for good."""

    reason: str
    failed_at: AwareDatetime


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "delivery.sent",
        1,
        NOTIFICATIONS_DELIVERIES,
        DeliverySent,
        "A notification reached a member's channel.",
    ),
    EventType(
        "delivery.failed",
        1,
        NOTIFICATIONS_DELIVERIES,
        DeliveryFailed,
        "A notification could not be delivered on any of the member's channels.",
    ),
)
