"""Staff routes (admin token) for terminals and their API keys."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Response

from services.sales.adapters import views
from services.sales.adapters.terminals import key_from, terminal_from
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings, UoW
from services.sales.entrypoints.schemas import (
    IssuedKey,
    KeyOut,
    RegisteredTerminal,
    TerminalList,
    TerminalOut,
)
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import terminals
from shared.http.auth import require_admin

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])


@router.post(
    "/terminals", status_code=201, response_model=RegisteredTerminal, tags=["staff: terminals"]
)
async def register_terminal(
    body: commands.RegisterTerminal, uow: UoW, response: Response, settings: Settings
) -> RegisteredTerminal:
    """Register a terminal at the shop or at a published showcase event's booth. The answer
    carries its API key once; only a hash of it is kept. At most SALES_MAX_ACTIVE_TERMINALS
    terminals hold an active key (409 beyond)."""
    terminal, key, secret = await terminals.register_terminal(
        body, uow, max_in_service=settings.sales_max_active_terminals
    )
    response.headers["Location"] = f"/v1/terminals/{terminal.terminal_id}"
    out = TerminalOut.of(terminal, [key])
    return RegisteredTerminal(**out.model_dump(), api_key=secret)


@router.get("/terminals", response_model=TerminalList, tags=["staff: terminals"])
async def list_terminals(conn: Db, cursor: Cursor = None, limit: PageSize = 100) -> TerminalList:
    """The terminals with their keys, a page at a time in the order registered (then id);
    give `next_cursor` as `cursor` for the next page (null: the last)."""
    page, keys = await views.terminals(conn, cursor=cursor, limit=limit)
    return TerminalList(
        items=[
            TerminalOut.of(
                terminal_from(r),
                [key_from(k) for k in keys if k["terminal_id"] == r["terminal_id"]],
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


@router.get("/terminals/{terminal_id}", response_model=TerminalOut, tags=["staff: terminals"])
async def get_terminal(terminal_id: uuid.UUID, uow: UoW) -> TerminalOut:
    async with uow:
        terminal = await uow.terminals.get(terminal_id)
        if terminal is None:
            raise NotFound(f"there is no terminal {terminal_id}")
        return TerminalOut.of(terminal, await uow.terminals.keys(terminal_id))


@router.post(
    "/terminals/{terminal_id}/keys",
    status_code=201,
    response_model=IssuedKey,
    tags=["staff: terminals"],
)
async def issue_key(terminal_id: uuid.UUID, bus: Bus) -> IssuedKey:
    """A second key, to rotate without downtime: install it, then revoke the old one. A
    terminal holds at most two active keys."""
    key, secret = await bus.handle(commands.IssueKey(terminal_id=terminal_id))
    return IssuedKey(**KeyOut.of(key).model_dump(), terminal_id=terminal_id, api_key=secret)


@router.post(
    "/terminals/{terminal_id}/keys/{key_id}/revoke",
    response_model=KeyOut,
    tags=["staff: terminals"],
)
async def revoke_key(terminal_id: uuid.UUID, key_id: uuid.UUID, bus: Bus) -> KeyOut:
    return KeyOut.of(await bus.handle(commands.RevokeKey(terminal_id=terminal_id, key_id=key_id)))
