"""The platform at a glance for administrators (auditors read it too): each service's health
and readiness, each outbox's backlog from the service's metrics, consumer lag per group and
topic, and dead letters waiting per topic. Every part is gathered on its own with a time
limit; a part that cannot be reached is shown as such. The status box refreshes itself."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from prometheus_client.parser import text_string_to_metric_families

from services.operations.health import ServiceHealth, service_health
from services.operations.lag import TopicLag, consumer_lag
from services.web.console.kit import ConsoleRefusal, SignedIn, StaffSession, render
from services.web.console.state import web_state
from shared.contracts.catalogue import TOPICS
from shared.identity.roles import Role
from shared.messaging.dead_letters import dead_letter_depths
from shared.settings import KafkaSettings

router = APIRouter(prefix="/console/operations")

T = TypeVar("T")

REQUEST_SECONDS = 3.0
BROKER_SECONDS = 8.0
PENDING = "otop_outbox_pending"
OLDEST_PENDING = "otop_outbox_oldest_pending_seconds"


@dataclass(frozen=True)
class Outbox:
    service: str
    pending: int | None = None
    oldest_pending_seconds: float | None = None
    error: str | None = None


@dataclass(frozen=True)
class Part:
    """A broker-side part of the page: what was found, or why it could not be."""

    found: Any = None
    error: str | None = None


def _may_see(session: StaffSession) -> None:
    if session.is_administrator or any(g.role == Role.AUDITOR for g in session.grants):
        return
    raise ConsoleRefusal(
        "หน้านี้สำหรับผู้ดูแลระบบและผู้ตรวจสอบเท่านั้น / this page is for platform "
        "administrators and auditors only"
    )


async def _bounded(work: Awaitable[T], seconds: float) -> Part:
    try:
        return Part(await asyncio.wait_for(work, seconds))
    except TimeoutError:
        return Part(error=f"ไม่ตอบภายใน {seconds:.0f} วินาที / no answer within {seconds:.0f} s")
    except Exception as exc:
        return Part(error=f"ติดต่อไม่ได้ / unreachable: {type(exc).__name__}")


def outbox_of(service: str, metrics_text: str) -> Outbox:
    """The backlog a service's /metrics reports (summed over the schemas it labels)."""
    pending: float | None = None
    oldest: float | None = None
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == PENDING:
                pending = (pending or 0) + sample.value
            elif sample.name == OLDEST_PENDING:
                oldest = max(oldest or 0.0, sample.value)
    if pending is None:
        return Outbox(service, error="ไม่มีตัวชี้วัด outbox / no outbox metrics")
    return Outbox(service, int(pending), oldest)


async def _outbox(client: httpx.AsyncClient, service: str, url: str) -> Outbox:
    try:
        response = await client.get(f"{url}/metrics")
    except httpx.HTTPError as exc:
        return Outbox(service, error=f"ติดต่อไม่ได้ / unreachable: {type(exc).__name__}")
    if response.status_code != 200:
        return Outbox(service, error=f"HTTP {response.status_code}")
    try:
        return outbox_of(service, response.text)
    except ValueError:
        return Outbox(service, error="อ่านตัวชี้วัดไม่ได้ / metrics unreadable")


async def _outboxes(urls: dict[str, str]) -> list[Outbox]:
    async with httpx.AsyncClient(timeout=REQUEST_SECONDS, trust_env=False) as client:
        return list(await asyncio.gather(*(_outbox(client, s, u) for s, u in urls.items())))


async def _health(urls: dict[str, str]) -> list[ServiceHealth]:
    part = await _bounded(service_health(urls, REQUEST_SECONDS), REQUEST_SECONDS * 2 + 1)
    if part.error is None:
        return list(part.found)
    return [
        ServiceHealth(s, u, f"unreachable: {part.error}", "unreachable") for s, u in urls.items()
    ]


async def _lag(bootstrap_servers: str) -> Part:
    part = await _bounded(consumer_lag(bootstrap_servers), BROKER_SECONDS)
    if part.error is not None:
        return part
    topics: list[TopicLag] = part.found.by_topic()
    return Part({"topics": topics, "notes": part.found.notes})


async def platform(request: Request) -> dict[str, Any]:
    urls = web_state(request).service_urls
    bootstrap = KafkaSettings().bootstrap_servers
    health, outbox, lag, dlq = await asyncio.gather(
        _health(urls),
        _bounded(_outboxes(urls), REQUEST_SECONDS + 1),
        _lag(bootstrap),
        _bounded(dead_letter_depths(bootstrap, [t.name for t in TOPICS]), BROKER_SECONDS),
    )
    outboxes = (
        outbox.found if outbox.error is None else [Outbox(s, error=outbox.error) for s in urls]
    )
    return {
        "services": health,
        "outboxes": outboxes,
        "lag": lag,
        "dlq": dlq,
        "bootstrap_servers": bootstrap,
    }


@router.get("", response_class=HTMLResponse)
async def operations(request: Request, session: SignedIn) -> HTMLResponse:
    _may_see(session)
    return render(request, "console/operations/index.html", await platform(request))


@router.get("/status", response_class=HTMLResponse)
async def status(request: Request, session: SignedIn) -> HTMLResponse:
    _may_see(session)
    return render(request, "console/operations/_status.html", await platform(request))
