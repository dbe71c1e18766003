"""A small HTTP client over aiohttp (cheap on the load generator's CPU)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import aiohttp
import orjson

T = TypeVar("T")


class ApiError(RuntimeError):
    pass


class Api:
    def __init__(self, admin_token: str, connections: int = 200) -> None:
        self.staff = {"Authorization": f"Bearer {admin_token}"}
        self.session = aiohttp.ClientSession(
            # Idle connections closed before uvicorn's own 5 s keep-alive ends, so a request
            # never goes out on a connection the server is closing.
            connector=aiohttp.TCPConnector(limit=connections, keepalive_timeout=3),
            timeout=aiohttp.ClientTimeout(total=300),
            json_serialize=lambda v: orjson.dumps(v).decode(),
        )

    def auth(self, token: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"} if token else self.staff

    async def status(
        self, method: str, url: str, body: Any = None, token: str | None = None
    ) -> int:
        """Send; only the answer's status."""
        async with self.session.request(
            method,
            url,
            data=orjson.dumps(body) if body is not None else None,
            headers={**self.auth(token), "Content-Type": "application/json"},
        ) as response:
            await response.read()
            return response.status

    async def call(
        self,
        method: str,
        url: str,
        body: Any = None,
        token: str | None = None,
        ok: Iterable[int] = (200, 201),
        params: dict[str, Any] | None = None,
    ) -> Any:
        async with self.session.request(
            method,
            url,
            data=orjson.dumps(body) if body is not None else None,
            params=params,
            headers={**self.auth(token), "Content-Type": "application/json"},
        ) as response:
            raw = await response.read()
            if response.status not in tuple(ok):
                raise ApiError(f"{method} {url}: {response.status} {raw[:500]!r}")
            return orjson.loads(raw) if raw else None

    async def close(self) -> None:
        await self.session.close()


async def bounded(items: Iterable[T], work: Callable[[T], Awaitable[Any]], width: int) -> list[Any]:
    """work(item) for every item, at most `width` at a time, results in order."""
    gate = asyncio.Semaphore(width)

    async def one(item: T) -> Any:
        async with gate:
            return await work(item)

    return await asyncio.gather(*(one(item) for item in items))


async def wait_until(check: Callable[[], Awaitable[bool]], patience: float, what: str) -> float:
    """Poll `check` until true; the seconds it took. RuntimeError after `patience`."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not await check():
        if loop.time() - start > patience:
            raise RuntimeError(f"{what}: not within {patience:.0f}s")
        await asyncio.sleep(0.2)
    return loop.time() - start
