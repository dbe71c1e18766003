"""The one HTTP client every demo loader uses: the admin token on every request, a refused
request raised with the service's problem document, cursor pages read to the end, and
bounded waiting for what reaches a service through Kafka."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import httpx

TIMEOUT = httpx.Timeout(30.0)


class DemoDataError(RuntimeError):
    """A service refused a demo-data request (or did not catch up in time); carries the
    service's problem document."""

    def __init__(self, method: str, path: str, status: int, problem: dict[str, Any]) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.problem = problem
        title = problem.get("title") or "request failed"
        detail = problem.get("detail") or ""
        message = f"{method} {path} answered {status} {title}"
        if detail:
            message += f": {detail}"
        super().__init__(message)


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        document = response.json()
    except ValueError:
        document = None
    if isinstance(document, dict):
        return document
    return {"status": response.status_code, "detail": response.text[:500]}


class DemoApi:
    """A service's HTTP API as network staff use it, with the admin token (or, per request,
    another credential such as a terminal's key)."""

    def __init__(self, client: httpx.AsyncClient, admin_token: str) -> None:
        self._client = client
        self._staff = {"Authorization": f"Bearer {admin_token}"}

    async def send(
        self,
        method: str,
        url: str,
        body: Any = None,
        *,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        ok: tuple[int, ...] = (),
    ) -> httpx.Response:
        """The response; DemoDataError unless it is a success or its status is in `ok`."""
        headers = {"Authorization": f"Bearer {token}"} if token else self._staff
        response = await self._client.request(
            method, url, json=body, params=params, headers=headers
        )
        if not response.is_success and response.status_code not in ok:
            raise DemoDataError(method, url, response.status_code, _problem(response))
        return response

    async def call(self, method: str, url: str, body: Any = None, **options: Any) -> Any:
        """The answer's JSON document (see `send`)."""
        return (await self.send(method, url, body, **options)).json()

    async def all_items(self, url: str, *, limit: int = 200, **params: Any) -> list[Any]:
        """Every item of a cursor-paged list, page after page."""
        items: list[Any] = []
        cursor: str | None = None
        while True:
            query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
            page = await self.call("GET", url, params=query)
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items


async def wait_until(
    done: Callable[[], Awaitable[bool]],
    *,
    patience: float,
    where: str,
    failure: Callable[[], str],
) -> None:
    """Poll `done` every half second until it answers true (a service learning through
    Kafka what another one published); DemoDataError (504 at `where`, with `failure()` as
    its detail) once `patience` seconds have passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while not await done():
        if loop.time() > deadline:
            problem = {"title": "not caught up", "detail": failure()}
            raise DemoDataError("GET", where, 504, problem)
        await asyncio.sleep(0.5)


@asynccontextmanager
async def demo_api(
    admin_token: str, client: httpx.AsyncClient | None = None, base_url: str = ""
) -> AsyncIterator[DemoApi]:
    """An API on `client` as it is (its caller closes it), or on a client of its own."""
    if client is not None:
        yield DemoApi(client, admin_token)
        return
    async with httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT) as own:
        yield DemoApi(own, admin_token)


def demo_file(name: str) -> Any:
    """One of the demo data files shipped in `devstack/demo/data/`."""
    text = resources.files("devstack.demo").joinpath("data", name).read_text("utf-8")
    return json.loads(text)
