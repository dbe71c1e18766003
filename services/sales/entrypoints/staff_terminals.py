"""Staff routes for terminals and their API keys: every staff member reads them; registering
a terminal and issuing or revoking its keys takes a shop manager of this shop (or an
administrator, or the admin token)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response

from services.sales.adapters import views
from services.sales.adapters.terminals import key_from, terminal_from
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.dependencies import Bus, Cursor, Db, PageSize, Settings, UoW
from services.sales.entrypoints.schemas import (
    IssuedKey,
    KeyOut,
    Pairing,
    RegisteredTerminal,
    TerminalList,
    TerminalOut,
)
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import terminals
from shared.http.auth import require_staff

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


@router.post(
    "/terminals", status_code=201, response_model=RegisteredTerminal, tags=["staff: terminals"]
)
async def register_terminal(
    body: commands.RegisterTerminal,
    uow: UoW,
    request: Request,
    response: Response,
    settings: Settings,
) -> RegisteredTerminal:
    """Register a terminal at the shop or at a published showcase event's booth. The answer
    carries its API key once (and `pairing`, what a pairing QR code for the terminal app
    holds); only a hash of the key is kept. At most SALES_MAX_ACTIVE_TERMINALS terminals hold
    an active key (409 beyond)."""
    terminal, key, secret = await terminals.register_terminal(
        body, uow, max_in_service=settings.sales_max_active_terminals, shop=settings.shop_code
    )
    response.headers["Location"] = f"/v1/terminals/{terminal.terminal_id}"
    out = TerminalOut.of(terminal, [key])
    sales_url = settings.sales_public_url or str(request.base_url)
    pairing = Pairing(terminal_id=terminal.terminal_id, key=secret, sales_url=sales_url.rstrip("/"))
    return RegisteredTerminal(**out.model_dump(), api_key=secret, pairing=pairing)


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
async def issue_key(terminal_id: uuid.UUID, bus: Bus, settings: Settings) -> IssuedKey:
    """A second key, to rotate without downtime: install it, then revoke the old one. A
    terminal holds at most two active keys."""
    key, secret = await bus.handle(
        commands.IssueKey(terminal_id=terminal_id, shop=settings.shop_code)
    )
    return IssuedKey(**KeyOut.of(key).model_dump(), terminal_id=terminal_id, api_key=secret)


@router.post(
    "/terminals/{terminal_id}/keys/{key_id}/revoke",
    response_model=KeyOut,
    tags=["staff: terminals"],
)
async def revoke_key(
    terminal_id: uuid.UUID, key_id: uuid.UUID, bus: Bus, settings: Settings
) -> KeyOut:
    """Revoke a key (at once: the terminal holding it is refused from then on)."""
    revoke = commands.RevokeKey(terminal_id=terminal_id, key_id=key_id, shop=settings.shop_code)
    return KeyOut.of(await bus.handle(revoke))
