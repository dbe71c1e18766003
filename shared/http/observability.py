"""/healthz, /readyz, /metrics, and the middleware binding a correlation id to each request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import structlog
from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.datastructures import URL, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.messaging.context import bind_correlation, parse_correlation_id
from shared.metrics import HTTP_LATENCY, HTTP_REQUESTS

CORRELATION_HEADER = "X-Correlation-ID"

ReadinessCheck = Callable[[], Awaitable[object]]
READINESS_TIMEOUT_SECONDS = 3.0


def install_correlation_middleware(app: FastAPI) -> None:
    app.add_middleware(CorrelationMiddleware)


class CorrelationMiddleware:
    """Binds each request's correlation id (the caller's `X-Correlation-ID` when it is a UUID,
    else a new one), its method and path for the logs, answers with the id in the same header
    and counts the request in the HTTP metrics once its response starts.

    The application runs in a task of its own, so what a request binds (its actor, its log
    context) stays with that request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        structlog.contextvars.clear_contextvars()
        correlation_id = parse_correlation_id(_header(scope, CORRELATION_HEADER_KEY))
        bind_correlation(correlation_id)
        method: str = scope["method"]
        structlog.contextvars.bind_contextvars(method=method, path=_url_path(scope))
        started = time.perf_counter()
        correlation = str(correlation_id)

        async def send_correlated(message: Message) -> None:
            if message["type"] == "http.response.start":
                route_path = getattr(scope.get("route"), "path", "unmatched")
                HTTP_REQUESTS.labels(method, route_path, message["status"]).inc()
                HTTP_LATENCY.labels(method, route_path).observe(time.perf_counter() - started)
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[CORRELATION_HEADER] = correlation
            await send(message)

        await asyncio.create_task(self.app(scope, receive, send_correlated))


CORRELATION_HEADER_KEY = CORRELATION_HEADER.lower().encode("latin-1")


def _header(scope: Scope, key: bytes) -> str | None:
    for name, value in scope["headers"]:
        if name == key:
            return value.decode("latin-1")  # type: ignore[no-any-return]
    return None


def _url_path(scope: Scope) -> str:
    """`request.url.path`, without building the URL when the path needs no escaping."""
    path: str = scope["path"]
    if path.startswith("//") or any(c in path for c in "?#\\"):
        return URL(scope=scope).path
    return path


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


def health_router(checks: dict[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="Its database and the broker reachable, its topics in order, the outbox "
        "publishing and its consumers assigned and making progress",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "Not ready: what is wrong"}},
    )
    async def readyz() -> JSONResponse:
        results: dict[str, str] = {}
        ready = True
        for name, check in checks.items():
            try:
                await asyncio.wait_for(check(), READINESS_TIMEOUT_SECONDS)
                results[name] = "ok"
            except TimeoutError:
                ready = False
                results[name] = f"unavailable: no answer within {READINESS_TIMEOUT_SECONDS:.0f}s"
            except Exception as exc:
                ready = False
                detail = str(exc)[:500]
                results[name] = f"unavailable: {type(exc).__name__}" + (
                    f": {detail}" if detail else ""
                )
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": results},
            status_code=200 if ready else 503,
        )

    @router.get(
        "/metrics",
        summary="Prometheus metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    )
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
