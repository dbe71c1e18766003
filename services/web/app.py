"""The web front's process: staff accounts and sessions in the `web` schema, the staff
console under /console, and the staff-account API for machines. No broker: it calls the
services' HTTP APIs with staff tokens it signs."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from services.topology import WEB
from services.web.adapters.passwords import Argon2Passwords
from services.web.adapters.postgres import PostgresAccounts, PostgresSessions
from services.web.console import pages
from services.web.console.assets import STATIC
from services.web.console.assets import router as assets_router
from services.web.console.errors import install_console_handlers
from services.web.console.signin import router as signin_router
from services.web.console.state import WebState
from services.web.domain.accounts import LockoutRule
from services.web.domain.sessions import SessionLifetime
from services.web.entrypoints.staff_api import router as staff_api_router
from services.web.public import pages as public_pages
from services.web.service_layer.accounts import StaffAccounts
from services.web.service_layer.signing_in import SignIn
from services.web.settings import WebSettings
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import create_pool
from shared.http.observability import health_router, install_correlation_middleware
from shared.http.problems import install_problem_handlers
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from shared.logging import configure_logging, get_logger
from shared.settings import Environment

log = get_logger(__name__)


def page_routers(package: ModuleType = pages) -> list[APIRouter]:
    """The `router` of every module in a pages package (the console's by default), by
    module name."""
    found: list[APIRouter] = []
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        router = getattr(loaded, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def _signer(settings: WebSettings) -> StaffTokenSigner:
    if settings.staff_token_private_key is not None:
        return StaffTokenSigner(settings.staff_token_private_key.get_secret_value())
    if settings.otop_env is Environment.PRODUCTION:
        raise RuntimeError("STAFF_TOKEN_PRIVATE_KEY is required in production")
    log.warning("no STAFF_TOKEN_PRIVATE_KEY: staff tokens are signed with a key made now")
    return StaffTokenSigner(generate_keypair()[0])


def create_app(
    settings: WebSettings | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """`transport` replaces the network under the client the console calls services with."""
    settings = settings or WebSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format)
    state = WebState(settings, _signer(settings), settings.service_urls())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = await create_pool(
            settings.database_url.get_secret_value(),
            schema=WEB.name,
            min_size=settings.db_pool_min_size,
            max_size=settings.db_pool_max_size,
        )
        try:
            async with pool.acquire() as conn:
                await apply_migrations(conn, WEB.name, service_migrations(WEB.migrations))
            hasher = Argon2Passwords()
            accounts, sessions = PostgresAccounts(pool), PostgresSessions(pool)
            state.pool = pool
            state.sign_in = SignIn(
                accounts,
                sessions,
                hasher,
                lockout=LockoutRule(
                    settings.login_max_failures, _minutes(settings.login_lock_minutes)
                ),
                lifetime=SessionLifetime(
                    _minutes(settings.session_idle_minutes),
                    _minutes(settings.session_longest_hours * 60),
                ),
                max_failures_per_address=settings.login_max_failures_per_address,
            )
            state.accounts = StaffAccounts(accounts, sessions, hasher)
            async with httpx.AsyncClient(
                transport=transport, timeout=settings.service_timeout_seconds
            ) as http:
                state.http = http
                yield
        finally:
            state.http = None
            await pool.close()

    app = FastAPI(
        title="OTOP web front",
        description=(
            "Staff console, staff accounts and sessions (signs staff tokens); the public "
            "pages: the shop's catalogue and orders, the calendar, the communities."
        ),
        version="1.0.0",
        lifespan=lifespan,
    )
    app.state.web = state
    install_problem_handlers(app)
    install_console_handlers(app)
    install_correlation_middleware(app)

    async def database_ready() -> None:
        if state.pool is None:
            raise RuntimeError("the database pool is not open")
        async with state.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    app.include_router(health_router({"database": database_ready}))
    app.include_router(staff_api_router)
    app.include_router(signin_router)
    for router in page_routers():
        app.include_router(router)
    for router in page_routers(public_pages):
        app.include_router(router)
    app.include_router(assets_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _minutes(value: float):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    return timedelta(minutes=value)
