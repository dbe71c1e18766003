"""What the notifications routes take from the running service: a unit of work, the
command bus, a pooled connection for views, the service's settings."""

from __future__ import annotations

from typing import Annotated, Any, cast

import asyncpg
from fastapi import Depends

from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.notifications.settings import NotificationSettings
from shared.http.dependencies import command_bus, read_connection, settings, unit_of_work
from shared.messaging.bus import CommandBus
from shared.settings import ServiceSettings


def notification_settings(
    service: Annotated[ServiceSettings, Depends(settings)],
) -> NotificationSettings:
    return cast(NotificationSettings, service)


UoW = Annotated[NotificationsUnitOfWork, Depends(unit_of_work)]
Bus = Annotated[CommandBus[Any], Depends(command_bus)]
Db = Annotated[asyncpg.Connection, Depends(read_connection)]
Settings = Annotated[NotificationSettings, Depends(notification_settings)]
