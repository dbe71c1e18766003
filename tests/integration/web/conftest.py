"""The web front on a database of its own, with a tiny stand-in for the registry (a real
FastAPI app that verifies the staff tokens it is sent), reached through the HTTP client's
transport: the only thing replaced is the network under the web front's own client."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse

from services import topology
from services.web.app import create_app
from services.web.console.kit import Calls, CsrfChecked, SignedIn
from services.web.settings import WebSettings
from shared.identity.tokens import StaffTokenVerifier, generate_keypair
from tests.conftest import ADMIN_TOKEN, Database, provision

PRIVATE_PEM, PUBLIC_PEM = generate_keypair()
BASE = "http://web.test"


@dataclass
class Registry:
    """What the stand-in registry saw: each call's actor id, grants and correlation id."""

    seen: list[dict[str, object]] = field(default_factory=list)

    def app(self) -> FastAPI:
        verifier = StaffTokenVerifier(PUBLIC_PEM)
        app = FastAPI()

        @app.get("/v1/members")
        async def members(
            authorization: str = Header(""), x_correlation_id: str | None = Header(None)
        ) -> list[dict[str, str]]:
            actor = verifier.verify(authorization.removeprefix("Bearer "))
            self.seen.append(
                {"actor": actor.id, "grants": actor.grants, "correlation": x_correlation_id}
            )
            return [{"id": "m-1", "name": "กลุ่มทอผ้าบ้านนา"}]

        @app.post("/v1/members")
        async def refuse() -> None:
            raise HTTPException(403, "ไม่มีสิทธิ์ / not allowed in area 40")

        return app


@dataclass
class Web:
    app: FastAPI
    client: httpx.AsyncClient
    registry: Registry
    settings: WebSettings


def web_settings(dsn: str, **overrides: object) -> WebSettings:
    return WebSettings(
        database_url=dsn,
        admin_token=ADMIN_TOKEN,
        staff_token_private_key=PRIVATE_PEM,
        registry_url="http://registry.test",
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
async def web_dsn(database: Database) -> str:
    return await provision(database, "web", topology.WEB.migrations)


def calls_page() -> APIRouter:
    """A console page of the tests' own, built with the kit like every page module."""
    router = APIRouter(prefix="/console/probe")

    @router.get("")
    async def probe(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
        members = await calls.get("registry", "/v1/members")
        return HTMLResponse(" | ".join(m["name"] for m in members))

    @router.post("", dependencies=[CsrfChecked])
    async def refused(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
        await calls.post("registry", "/v1/members", json={})
        return HTMLResponse("not reached")

    return router


@pytest.fixture
def web_overrides() -> dict[str, object]:
    return {}


@pytest.fixture
async def web(web_dsn: str, web_overrides: dict[str, object]) -> AsyncIterator[Web]:
    registry = Registry()
    settings = web_settings(web_dsn, **web_overrides)
    app = create_app(settings, transport=httpx.ASGITransport(app=registry.app()))
    app.include_router(calls_page())
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client,
    ):
        yield Web(app, client, registry, settings)


async def create_account(
    web: Web,
    username: str,
    password: str,
    grants: list[dict[str, str | None]],
    *,
    must_change_password: bool = False,
) -> dict[str, object]:
    answer = await web.client.post(
        "/v1/staff",
        json={
            "username": username,
            "display_name": f"คุณ {username}",
            "password": password,
            "grants": grants,
            "must_change_password": must_change_password,
        },
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match[1]


async def sign_in(web: Web, username: str, password: str) -> httpx.Response:
    page = await web.client.get("/console/login")
    return await web.client.post(
        "/console/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": hidden(page.text, "csrf_token"),
            "next": "/console",
        },
    )


async def csrf_of(web: Web) -> str:
    page = await web.client.get("/console")
    assert page.status_code == 200, page.text
    return hidden(page.text, "csrf_token")
