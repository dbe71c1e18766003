"""The authorisation matrix: every route of a service × every kind of credential, each with
the one answer it must get.

Access kinds: PUBLIC (anyone), STAFF (the admin token or a staff token the web front
signed), TERMINAL (a terminal's key) and STAFF_OR_TERMINAL (a terminal reads only its own
records). A caller without a valid credential gets 401 (a staff token signed with another
key or expired included); a caller known under another kind of credential gets 403 (on the
sales service a terminal key on a staff route, the admin token or a staff token on a
terminal route). The other services do not know terminal keys at all: there a terminal key
is just not valid (401). Staff routes for operators only (`admin_only`: operations, personal
data, partner webhooks) answer 403 to every staff role but the platform administrator.
Where the caller is allowed, the row names the answer: 2xx, 404 for an id that does not
exist (or another terminal's record), or 422 where the body is deliberately empty; the
district officer's answer where its area decides (`officer`).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from tests.conftest import ADMIN_TOKEN


class Access(StrEnum):
    PUBLIC = "public"
    STAFF = "staff"
    TERMINAL = "terminal"
    STAFF_OR_TERMINAL = "staff or terminal"


class Credential(StrEnum):
    NONE = "none"
    MALFORMED = "malformed"
    WRONG_SCHEME = "wrong scheme"
    ADMIN = "admin"
    SHOP_TERMINAL = "shop terminal"
    BOOTH_OF_ANOTHER_EVENT = "booth terminal of another event"
    REVOKED_KEY = "revoked key"
    ROTATED_OUT_KEY = "rotated-out key"
    OFFICER = "staff token of a district officer"
    ADMINISTRATOR = "staff token of a platform administrator"
    FOREIGN_STAFF_TOKEN = "staff token signed with another key"
    EXPIRED_STAFF_TOKEN = "expired staff token"


NOT_AUTHENTICATED = (
    Credential.NONE,
    Credential.MALFORMED,
    Credential.WRONG_SCHEME,
    Credential.REVOKED_KEY,
    Credential.ROTATED_OUT_KEY,
    Credential.FOREIGN_STAFF_TOKEN,
    Credential.EXPIRED_STAFF_TOKEN,
)
STAFF_TOKENS = (Credential.OFFICER, Credential.ADMINISTRATOR)
SIGNED = (*STAFF_TOKENS, Credential.FOREIGN_STAFF_TOKEN, Credential.EXPIRED_STAFF_TOKEN)

# The web front's key pair for the matrix: the services verify with STAFF_PUBLIC_KEY.
STAFF_SIGNING_KEY, STAFF_PUBLIC_KEY = generate_keypair()


def staff_token(credential: Credential) -> str:
    signer = StaffTokenSigner(STAFF_SIGNING_KEY)
    account = uuid.uuid4()
    if credential is Credential.OFFICER:
        return signer.sign(account, [Grant(role=Role.DISTRICT_OFFICER, area="4001")])
    if credential is Credential.ADMINISTRATOR:
        return signer.sign(account, [Grant(role=Role.ADMINISTRATOR)])
    if credential is Credential.FOREIGN_STAFF_TOKEN:
        foreign = StaffTokenSigner(generate_keypair()[0])
        return foreign.sign(account, [Grant(role=Role.ADMINISTRATOR)])
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    return signer.sign(account, [Grant(role=Role.ADMINISTRATOR)], now=long_ago)


TERMINALS = (Credential.SHOP_TERMINAL, Credential.BOOTH_OF_ANOTHER_EVENT)


@dataclass(frozen=True)
class TerminalKeys:
    """Keys issued by a real sales service: the shop terminal owns `sale_id` and `shift_id`."""

    shop: str
    booth_of_another_event: str
    revoked: str
    rotated_out: str
    sale_id: uuid.UUID
    shift_id: uuid.UUID


def headers_for(credential: Credential, keys: TerminalKeys) -> dict[str, str]:
    bearer = {
        Credential.ADMIN: ADMIN_TOKEN,
        Credential.SHOP_TERMINAL: keys.shop,
        Credential.BOOTH_OF_ANOTHER_EVENT: keys.booth_of_another_event,
        Credential.REVOKED_KEY: keys.revoked,
        Credential.ROTATED_OUT_KEY: keys.rotated_out,
        Credential.MALFORMED: "not a token",
    }
    if credential is Credential.NONE:
        return {}
    if credential in SIGNED:
        return {"Authorization": f"Bearer {staff_token(credential)}"}
    if credential is Credential.WRONG_SCHEME:
        basic = base64.b64encode(f"admin:{ADMIN_TOKEN}".encode()).decode()
        return {"Authorization": f"Basic {basic}"}
    return {"Authorization": f"Bearer {bearer[credential]}"}


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    access: Access
    # The answer for an allowed caller (admin; shop terminal; anyone on a public route).
    allowed: int
    # The booth terminal's answer where it differs (another terminal's records).
    booth: int | None = None
    # Path parameters to use instead of fresh random ids; the body to send.
    params: dict[str, str] = field(default_factory=dict)
    body: Any = None
    query: dict[str, str] = field(default_factory=dict)
    admin_only: bool = False
    officer: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)


def expected(row: Row, credential: Credential, *, knows_terminal_keys: bool) -> int:
    if row.access is Access.PUBLIC:
        return row.allowed
    if credential in NOT_AUTHENTICATED:
        return 401
    if credential is Credential.OFFICER and row.access is not Access.TERMINAL:
        if row.admin_only:
            return 403
        return row.officer if row.officer is not None else row.allowed
    if row.access is Access.STAFF:
        if credential in (Credential.ADMIN, Credential.ADMINISTRATOR):
            return row.allowed
        return 403 if knows_terminal_keys else 401
    if credential in (Credential.ADMIN, *STAFF_TOKENS):
        return 403 if row.access is Access.TERMINAL else row.allowed
    if credential is Credential.BOOTH_OF_ANOTHER_EVENT and row.booth is not None:
        return row.booth
    return row.allowed


def _walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes, prefix + route.include_context.prefix)
        elif isinstance(route, Mount):
            yield ("MOUNT", prefix + route.path, route)
        else:
            for method in sorted(set(getattr(route, "methods", None) or ()) - {"HEAD"}):
                yield (method, prefix + route.path, route)


def routes_of(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app answers: its OpenAPI paths and every route it holds
    (documentation pages and static files included)."""
    found = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method.upper() not in ("HEAD", "OPTIONS", "PARAMETERS")
    }
    walked = {(method, path) for method, path, _ in _walk(app.routes)}
    assert found <= walked, f"routes not found by walking the app: {sorted(found - walked)}"
    return found | walked


def static_file_of(app: FastAPI, mount_path: str) -> str:
    """A file a static mount serves, to ask for it."""
    for method, path, route in _walk(app.routes):
        if method == "MOUNT" and path == mount_path:
            served: StaticFiles = route.app
            folders = [served.directory] if served.directory else []
            folders += [Path(p) for p in served.all_directories]
            for folder in folders:
                for file in sorted(Path(folder).rglob("*")):
                    if file.is_file():
                        return f"{mount_path}/{file.relative_to(folder).as_posix()}"
    raise AssertionError(f"the mount {mount_path} serves no file")


async def check_matrix(
    app: FastAPI,
    base_url: str,
    rows: list[Row],
    keys: TerminalKeys,
    *,
    knows_terminal_keys: bool,
) -> None:
    """Every route has a row, every row is a route, and every cell answers as documented."""
    table = {row.key: row for row in rows}
    assert len(table) == len(rows), "a route has two rows"
    present = routes_of(app)
    assert not present - set(table), f"routes without a row: {sorted(present - set(table))}"
    assert not set(table) - present, f"rows without a route: {sorted(set(table) - present)}"
    wrong: list[str] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        for row in rows:
            for credential in Credential:
                want = expected(row, credential, knows_terminal_keys=knows_terminal_keys)
                got = await _ask(app, client, row, credential, keys)
                if got.status_code != want:
                    wrong.append(
                        f"{row.method} {row.path} as {credential.value}: {got.status_code}, "
                        f"not {want} ({got.text[:160]})"
                    )
                elif want in (401, 403) and not got.headers["content-type"].startswith(
                    "application/problem+json"
                ):
                    wrong.append(f"{row.method} {row.path} as {credential.value}: no problem")
    assert not wrong, "\n".join(wrong)


async def _ask(
    app: FastAPI, client: httpx.AsyncClient, row: Row, credential: Credential, keys: TerminalKeys
) -> httpx.Response:
    if row.method == "MOUNT":
        return await client.get(static_file_of(app, row.path))
    path = row.path
    for name, value in row.params.items():
        path = path.replace("{" + name + "}", value)
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + str(uuid.uuid4()) + path[end + 1 :]
    body = row.body
    if body is None and row.method in ("POST", "PUT", "PATCH"):
        body = {}
    return await client.request(
        row.method,
        path,
        headers=headers_for(credential, keys),
        params=row.query,
        json=body,
    )
