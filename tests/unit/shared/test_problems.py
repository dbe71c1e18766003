"""Every error becomes an RFC 9457 problem document with a fitting 4xx (or 5xx) status."""

from __future__ import annotations

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from shared.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from shared.http.problems import PROBLEM_JSON, install_problem_handlers


class Body(BaseModel):
    count: int


def app_raising(exc: Exception) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise exc

    @app.post("/typed")
    async def typed(body: Body) -> dict[str, int]:
        return {"count": body.count}

    return app


async def call(app: FastAPI, method: str = "GET", path: str = "/boom", **kw) -> httpx.Response:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, **kw)


@pytest.mark.parametrize(
    ("exc", "status", "slug"),
    [
        (NotFound("there is no member 1"), 404, "not-found"),
        (Forbidden("another terminal's sale"), 403, "forbidden"),
        (Conflict("SKU taken"), 409, "conflict"),
        (InvalidTransition("withdrawn is final"), 409, "invalid-transition"),
        (InvalidInput("no such province"), 422, "invalid-input"),
        (asyncpg.UniqueViolationError("duplicate key"), 409, "conflict"),
        (asyncpg.CheckViolationError("check failed"), 409, "conflict"),
        (asyncpg.DeadlockDetectedError("deadlock"), 503, "retry"),
        (asyncpg.StringDataRightTruncationError("too long"), 422, "invalid-input"),
        (RuntimeError("bug"), 500, "internal-error"),
    ],
)
async def test_errors_become_problem_documents(exc: Exception, status: int, slug: str):
    response = await call(app_raising(exc))
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"urn:otop:problem:{slug}"
    assert body["title"] and body["detail"]
    assert "bug" not in body["detail"]  # internals are not leaked


async def test_invalid_body_lists_each_field_and_what_is_wrong():
    response = await call(app_raising(RuntimeError()), "POST", "/typed", json={"count": "many"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "count"
    assert "integer" in body["errors"][0]["message"]


async def test_malformed_json_is_a_422_not_a_500():
    response = await call(
        app_raising(RuntimeError()),
        "POST",
        "/typed",
        content=b"{broken",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.InterfaceError("connection is closed"),
        ConnectionRefusedError(111, "Connect call failed"),
        asyncpg.CannotConnectNowError("the database system is starting up"),
    ],
)
async def test_a_database_out_of_reach_is_a_503_to_send_again_not_a_500(exc: Exception) -> None:
    response = await call(app_raising(exc))
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["retry-after"] == "2"
    assert "send it again" in response.json()["detail"]
