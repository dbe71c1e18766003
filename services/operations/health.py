"""Each service's /healthz (alive) and /readyz (ready, with its checks), over HTTP."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx


@dataclass(frozen=True)
class ServiceHealth:
    service: str
    url: str
    alive: str  # "ok", or "unreachable: …" / "HTTP 500"
    ready: str  # "ready", "not ready", or "unreachable: …"
    checks: dict[str, Any] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.alive == "ok" and self.ready == "ready"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _unreachable(exc: BaseException) -> str:
    return f"unreachable: {type(exc).__name__}"


async def _one(client: httpx.AsyncClient, service: str, url: str) -> ServiceHealth:
    try:
        response = await client.get(f"{url}/healthz")
        alive = "ok" if response.status_code == 200 else f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        return ServiceHealth(service, url, _unreachable(exc), _unreachable(exc))
    try:
        response = await client.get(f"{url}/readyz")
    except httpx.HTTPError as exc:
        return ServiceHealth(service, url, alive, _unreachable(exc))
    try:
        body = response.json()
    except ValueError:
        body = {}
    checks = body.get("checks", {}) if isinstance(body, dict) else {}
    if response.status_code == 200:
        ready = str(body.get("status", "ready")) if isinstance(body, dict) else "ready"
    else:
        ready = str(body.get("status", "")) if isinstance(body, dict) else ""
        ready = ready if ready and ready != "ready" else f"not ready (HTTP {response.status_code})"
    return ServiceHealth(service, url, alive, ready, checks if isinstance(checks, dict) else {})


async def service_health(urls: dict[str, str], request_seconds: float = 3.0) -> list[ServiceHealth]:
    async with httpx.AsyncClient(timeout=request_seconds, trust_env=False) as client:
        return list(await asyncio.gather(*(_one(client, s, u) for s, u in urls.items())))
