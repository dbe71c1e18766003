"""The correlation middleware: the id in and out, the log context bound, the metrics."""

from __future__ import annotations

import uuid

import httpx
import pytest
import structlog
from fastapi import FastAPI, HTTPException
from prometheus_client import REGISTRY

from shared.http.observability import CORRELATION_HEADER, install_correlation_middleware
from shared.http.problems import install_problem_handlers
from shared.identity.actor import OPERATOR, SYSTEM, bind_actor, current_actor
from shared.messaging.context import current_correlation_id

seen: dict[str, object] = {}


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    install_correlation_middleware(app)

    @app.get("/items/{item_id}")
    async def item(item_id: str) -> dict[str, str]:
        seen["context"] = structlog.contextvars.get_contextvars()
        seen["correlation"] = current_correlation_id()
        bind_actor(OPERATOR)
        return {"item": item_id}

    @app.get("/refused")
    async def refused() -> None:
        raise HTTPException(404, "nothing here")

    return app


@pytest.fixture
async def client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def _count(method: str, route: str, status: str) -> float:
    labels = {"method": method, "route": route, "status": status}
    return REGISTRY.get_sample_value("otop_http_requests_total", labels) or 0.0


async def test_a_uuid_sent_is_bound_and_echoed(client: httpx.AsyncClient) -> None:
    sent = uuid.uuid4()
    response = await client.get("/items/a", headers={CORRELATION_HEADER: f" {sent} "})
    assert response.json() == {"item": "a"}
    assert response.headers[CORRELATION_HEADER] == str(sent)
    assert seen["correlation"] == sent
    context = seen["context"]
    assert isinstance(context, dict)
    assert context["correlation_id"] == str(sent)
    assert context["method"] == "GET"
    assert context["path"] == "/items/a"


async def test_anything_else_gets_a_new_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/items/b", headers={CORRELATION_HEADER: "not-a-uuid"})
    answered = uuid.UUID(response.headers[CORRELATION_HEADER])
    assert answered == seen["correlation"]
    assert len(response.headers.get_list(CORRELATION_HEADER)) == 1


async def test_refusals_and_unknown_paths_carry_the_id_and_are_counted(
    client: httpx.AsyncClient,
) -> None:
    before_refused = _count("GET", "/refused", "404")
    before_unmatched = _count("GET", "unmatched", "404")
    refused = await client.get("/refused")
    unmatched = await client.get("/nowhere%3Fat/all")
    assert refused.status_code == unmatched.status_code == 404
    assert refused.headers["content-type"] == "application/problem+json"
    uuid.UUID(refused.headers[CORRELATION_HEADER])
    uuid.UUID(unmatched.headers[CORRELATION_HEADER])
    assert _count("GET", "/refused", "404") == before_refused + 1
    assert _count("GET", "unmatched", "404") == before_unmatched + 1


async def test_the_route_template_labels_the_metrics(client: httpx.AsyncClient) -> None:
    before = _count("GET", "/items/{item_id}", "200")
    await client.get("/items/c")
    await client.get("/items/d")
    assert _count("GET", "/items/{item_id}", "200") == before + 2


async def test_what_a_request_binds_stays_with_it(client: httpx.AsyncClient) -> None:
    await client.get("/items/e")
    assert current_actor() is SYSTEM
