"""FastAPI dependencies every service's routes use to reach its runtime.

Each is a coroutine function: FastAPI runs a plain function dependency in its thread pool,
a round trip to another thread per dependency per request for what is an attribute lookup.

UoW = Annotated[RegistryUnitOfWork, Depends(unit_of_work)]
Db = Annotated[asyncpg.Connection, Depends(read_connection)]
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from fastapi import Request

from shared.messaging.bus import CommandBus
from shared.service.runtime import Runtime, runtime_of
from shared.settings import ServiceSettings


async def runtime(request: Request) -> Runtime:
    return runtime_of(request.app)


async def settings(request: Request) -> ServiceSettings:
    return runtime_of(request.app).settings


async def unit_of_work(request: Request) -> Any:
    """A fresh unit of work (its own transaction) for a command's handler."""
    return runtime_of(request.app).unit_of_work()


async def command_bus(request: Request) -> CommandBus[Any]:
    bus = runtime_of(request.app).commands
    if bus is None:
        raise RuntimeError("the service has not started")
    return bus


async def read_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection for the read side (views), released after the response."""
    async with runtime_of(request.app).pool.acquire() as conn:
        yield conn
