"""The notifications HTTP routes (staff, admin token): preferences, webhooks, delivery log."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from services.notifications.adapters import views
from services.notifications.adapters.personal_data import personal_data
from services.notifications.entrypoints.dependencies import Bus, Db, Settings, UoW
from services.notifications.entrypoints.schemas import (
    DeliveryDetail,
    DeliveryList,
    DeliveryOut,
    PreferencesOut,
    WebhookCreated,
    WebhookList,
    WebhookOut,
)
from services.notifications.service_layer import commands, handlers
from services.privacy.document import PersonalDataHeld
from shared.errors import NotFound
from shared.http.auth import require_admin, require_staff
from shared.timeutil import now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])
# Partner webhooks and the personal data held: operators and platform administrators.
ADMIN_ONLY = [Depends(require_admin)]

Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of a page")]
State = Annotated[Literal["queued", "sending", "sent", "failed"] | None, Query()]


@router.get("/members/{member_id}/preferences", response_model=PreferencesOut, tags=["preferences"])
async def get_preferences(member_id: uuid.UUID, uow: UoW) -> PreferencesOut:
    prefs, language = await handlers.get_preferences(member_id, uow)
    return PreferencesOut.of(member_id, prefs, language)


@router.put("/members/{member_id}/preferences", response_model=PreferencesOut, tags=["preferences"])
async def set_preferences(
    member_id: uuid.UUID, body: commands.PreferencesInput, bus: Bus, uow: UoW
) -> PreferencesOut:
    await bus.handle(commands.SetPreferences(member_id=member_id, preferences=body))
    prefs, language = await handlers.get_preferences(member_id, uow)
    return PreferencesOut.of(member_id, prefs, language)


@router.post(
    "/webhooks",
    status_code=201,
    response_model=WebhookCreated,
    tags=["webhooks"],
    dependencies=ADMIN_ONLY,
)
async def register_webhook(
    body: commands.RegisterWebhook, uow: UoW, response: Response, settings: Settings
) -> WebhookCreated:
    """Subscribe a partner URL; at most WEBHOOK_MAX_ACTIVE (50) are active at once (409)."""
    subscription, secret = await handlers.register_webhook(body, uow, settings.webhook_max_active)
    response.headers["Location"] = f"/v1/webhooks/{subscription.subscription_id}"
    return WebhookCreated(**asdict(subscription), secret=secret)


@router.get("/webhooks", response_model=WebhookList, tags=["webhooks"], dependencies=ADMIN_ONLY)
async def list_webhooks(db: Db, cursor: Cursor = None, limit: Limit = 50) -> WebhookList:
    """The active subscriptions, oldest first, a page at a time (removed ones are gone)."""
    page = await views.webhooks(db, limit=limit, cursor=cursor)
    return WebhookList(items=[WebhookOut(**r) for r in page.items], next_cursor=page.next_cursor)


@router.delete(
    "/webhooks/{subscription_id}", status_code=204, tags=["webhooks"], dependencies=ADMIN_ONLY
)
async def remove_webhook(subscription_id: uuid.UUID, bus: Bus) -> Response:
    await bus.handle(commands.RemoveWebhook(subscription_id=subscription_id))
    return Response(status_code=204)


async def _deliveries(db: Db, **filters: object) -> DeliveryList:
    page = await views.deliveries(db, **filters)  # type: ignore[arg-type]
    return DeliveryList(items=[DeliveryOut(**r) for r in page.items], next_cursor=page.next_cursor)


@router.get("/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def list_deliveries(
    db: Db,
    member_id: uuid.UUID | None = None,
    event_id: uuid.UUID | None = None,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(
        db, member_id=member_id, event_id=event_id, state=state, limit=limit, cursor=cursor
    )


@router.get("/members/{member_id}/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def member_deliveries(
    member_id: uuid.UUID,
    db: Db,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(db, member_id=member_id, state=state, limit=limit, cursor=cursor)


@router.get("/events/{event_id}/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def event_deliveries(
    event_id: uuid.UUID,
    db: Db,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(db, event_id=event_id, state=state, limit=limit, cursor=cursor)


@router.get("/orders/{order_id}/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def order_deliveries(
    order_id: uuid.UUID,
    db: Db,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    """What the customer of an online order was told, on which channel, and whether it
    reached them (never the customer's address)."""
    return await _deliveries(db, order_id=order_id, state=state, limit=limit, cursor=cursor)


@router.get("/deliveries/{delivery_id}", response_model=DeliveryDetail, tags=["deliveries"])
async def get_delivery(delivery_id: uuid.UUID, db: Db) -> DeliveryDetail:
    found = await views.delivery(db, delivery_id)
    if found is None:
        raise NotFound(f"there is no delivery {delivery_id}")
    return DeliveryDetail(**found)


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
    dependencies=ADMIN_ONLY,
)
async def member_personal_data(member_id: uuid.UUID, db: Db) -> PersonalDataHeld:
    """Everything the notifications service holds about the member (the right to see, PDPA):
    its copy of the contact, preferences, registrations, digests, deliveries and attempts."""
    held = await personal_data(db, member_id)
    return PersonalDataHeld(
        service="notifications", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
