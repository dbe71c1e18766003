"""What the sales routes take from the running service: the command bus, a unit of work for
the handlers called directly, a pooled connection for views, the service's settings."""

from __future__ import annotations

from typing import Annotated, Any, cast

import asyncpg
from fastapi import Depends, Query

from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from services.sales.settings import SalesSettings
from shared.http.dependencies import command_bus, read_connection, settings, unit_of_work
from shared.messaging.bus import CommandBus
from shared.settings import ServiceSettings


# A coroutine function, so FastAPI calls it on the event loop and not in its thread pool.
async def sales_settings(service: Annotated[ServiceSettings, Depends(settings)]) -> SalesSettings:
    return cast(SalesSettings, service)


Bus = Annotated[CommandBus[Any], Depends(command_bus)]
UoW = Annotated[SalesUnitOfWork, Depends(unit_of_work)]
Db = Annotated[asyncpg.Connection, Depends(read_connection)]
Settings = Annotated[SalesSettings, Depends(sales_settings)]

# A page of a list: how many rows, and where the previous page ended.
PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]
