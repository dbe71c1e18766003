"""The notifications HTTP routes (staff, admin token): preferences, webhooks, delivery log."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from services.notifications.adapters import views
from services.notifications.adapters.personal_data import personal_data
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
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.notifications.settings import NotificationSettings
from services.privacy.document import PersonalDataHeld
from shared.errors import NotFound
from shared.http.auth import require_admin
from shared.timeutil import now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])

Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of a page")]
State = Annotated[Literal["queued", "sending", "sent", "failed"] | None, Query()]


def unit_of_work(request: Request) -> NotificationsUnitOfWork:
    factory: Callable[[], NotificationsUnitOfWork] = request.app.state.uow_factory
    return factory()


UoW = Annotated[NotificationsUnitOfWork, Depends(unit_of_work)]


@router.get("/members/{member_id}/preferences", response_model=PreferencesOut, tags=["preferences"])
async def get_preferences(member_id: uuid.UUID, uow: UoW) -> PreferencesOut:
    prefs, language = await handlers.get_preferences(member_id, uow)
    return PreferencesOut.of(member_id, prefs, language)


@router.put("/members/{member_id}/preferences", response_model=PreferencesOut, tags=["preferences"])
async def set_preferences(
    member_id: uuid.UUID, body: commands.PreferencesInput, uow: UoW, request: Request
) -> PreferencesOut:
    await handlers.set_preferences(
        commands.SetPreferences(member_id=member_id, preferences=body), uow
    )
    prefs, language = await handlers.get_preferences(member_id, request.app.state.uow_factory())
    return PreferencesOut.of(member_id, prefs, language)


@router.post("/webhooks", status_code=201, response_model=WebhookCreated, tags=["webhooks"])
async def register_webhook(
    body: commands.RegisterWebhook, uow: UoW, response: Response, request: Request
) -> WebhookCreated:
    """Subscribe a partner URL; at most WEBHOOK_MAX_ACTIVE (50) are active at once (409)."""
    settings: NotificationSettings = request.app.state.settings
    row, secret = await handlers.register_webhook(body, uow, settings.webhook_max_active)
    response.headers["Location"] = f"/v1/webhooks/{row['subscription_id']}"
    return WebhookCreated(**row, secret=secret)


@router.get("/webhooks", response_model=WebhookList, tags=["webhooks"])
async def list_webhooks(request: Request, cursor: Cursor = None, limit: Limit = 50) -> WebhookList:
    """The active subscriptions, oldest first, a page at a time (removed ones are gone)."""
    async with request.app.state.pool.acquire() as conn:
        page = await views.webhooks(conn, limit=limit, cursor=cursor)
    return WebhookList(items=[WebhookOut(**r) for r in page.items], next_cursor=page.next_cursor)


@router.delete("/webhooks/{subscription_id}", status_code=204, tags=["webhooks"])
async def remove_webhook(subscription_id: uuid.UUID, uow: UoW) -> Response:
    await handlers.remove_webhook(commands.RemoveWebhook(subscription_id=subscription_id), uow)
    return Response(status_code=204)


async def _deliveries(request: Request, **filters: object) -> DeliveryList:
    async with request.app.state.pool.acquire() as conn:
        page = await views.deliveries(conn, **filters)  # type: ignore[arg-type]
    return DeliveryList(items=[DeliveryOut(**r) for r in page.items], next_cursor=page.next_cursor)


@router.get("/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def list_deliveries(
    request: Request,
    member_id: uuid.UUID | None = None,
    event_id: uuid.UUID | None = None,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(
        request, member_id=member_id, event_id=event_id, state=state, limit=limit, cursor=cursor
    )


@router.get("/members/{member_id}/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def member_deliveries(
    member_id: uuid.UUID,
    request: Request,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(request, member_id=member_id, state=state, limit=limit, cursor=cursor)


@router.get("/events/{event_id}/deliveries", response_model=DeliveryList, tags=["deliveries"])
async def event_deliveries(
    event_id: uuid.UUID,
    request: Request,
    state: State = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryList:
    return await _deliveries(request, event_id=event_id, state=state, limit=limit, cursor=cursor)


@router.get("/deliveries/{delivery_id}", response_model=DeliveryDetail, tags=["deliveries"])
async def get_delivery(delivery_id: uuid.UUID, request: Request) -> DeliveryDetail:
    async with request.app.state.pool.acquire() as conn:
        found = await views.delivery(conn, delivery_id)
    if found is None:
        raise NotFound(f"there is no delivery {delivery_id}")
    return DeliveryDetail(**found)


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
)
async def member_personal_data(member_id: uuid.UUID, request: Request) -> PersonalDataHeld:
    """Everything the notifications service holds about the member (the right to see, PDPA):
    its copy of the contact, preferences, registrations, digests, deliveries and attempts."""
    async with request.app.state.pool.acquire() as conn:
        held = await personal_data(conn, member_id)
    return PersonalDataHeld(
        service="notifications", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
