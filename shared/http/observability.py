"""/healthz, /readyz, /metrics, and the middleware binding a correlation id to each request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from shared.messaging.context import bind_correlation, parse_correlation_id
from shared.metrics import HTTP_LATENCY, HTTP_REQUESTS

CORRELATION_HEADER = "X-Correlation-ID"

ReadinessCheck = Callable[[], Awaitable[object]]
READINESS_TIMEOUT_SECONDS = 3.0


def install_correlation_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def correlate(request: Request, call_next):  # type: ignore[no-untyped-def]
        structlog.contextvars.clear_contextvars()
        correlation_id = parse_correlation_id(request.headers.get(CORRELATION_HEADER))
        bind_correlation(correlation_id)
        structlog.contextvars.bind_contextvars(method=request.method, path=request.url.path)
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        route_path = getattr(route, "path", "unmatched")
        HTTP_REQUESTS.labels(request.method, route_path, response.status_code).inc()
        HTTP_LATENCY.labels(request.method, route_path).observe(time.perf_counter() - started)
        response.headers[CORRELATION_HEADER] = str(correlation_id)
        return response


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
