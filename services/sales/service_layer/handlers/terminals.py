"""Registering terminals and managing their API keys."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.sales.domain import keys
from services.sales.domain.errors import Conflict, InvalidInput, NotFound, TerminalCodeTaken
from services.sales.domain.receipts import generated_code
from services.sales.domain.shop import DEFAULT_SHOP_CODE
from services.sales.domain.terminals import Terminal, TerminalKey
from services.sales.service_layer import access, commands
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.sales import TerminalLocation
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]
BOOTH_EVENT_KINDS = {"showcase", "fair"}


async def register_terminal(
    cmd: commands.RegisterTerminal,
    uow: SalesUnitOfWork,
    clock: Clock = now_bangkok,
    max_in_service: int = 500,
    shop: str = DEFAULT_SHOP_CODE,
) -> tuple[Terminal, TerminalKey, str]:
    """A new terminal of `shop` (at the shop or a booth) and its first key; the key itself is
    returned once and never stored. At most `max_in_service` terminals hold an active key."""
    access.run_shop(shop)
    async with uow:
        in_service = await uow.terminals.count_in_service()
        code = await _code_for(cmd.code, uow)
        terminal = Terminal.register(cmd.name, cmd.location, cmd.event_id, clock(), code)
        if in_service >= max_in_service:
            raise Conflict(
                f"มีเครื่องขายที่ใช้งานอยู่ครบ {max_in_service} เครื่องแล้ว / {in_service} "
                f"terminals are in service, the most allowed ({max_in_service}): revoke the "
                "keys of terminals no longer used (e.g. booths of past events) first",
                limit=max_in_service,
            )
        if terminal.location is TerminalLocation.BOOTH:
            assert terminal.event_id is not None
            event = await uow.catalogue.event_status(terminal.event_id)
            if event is None:
                raise InvalidInput(
                    f"event {terminal.event_id} is not known here (not published on "
                    "events.showcases.v1, or not arrived yet)"
                )
            kind, status = event
            if status != "published":
                raise InvalidInput(
                    f"event {terminal.event_id} is {status}: booth terminals are for "
                    "published events"
                )
            if kind is not None and kind not in BOOTH_EVENT_KINDS:
                raise InvalidInput(
                    f"event {terminal.event_id} is a {kind}: only showcases and fairs have booths"
                )
        await uow.terminals.add(terminal)
        key, secret = await _issue(uow, terminal.terminal_id, clock())
        uow.audit("terminal.registered", "terminal", terminal.terminal_id)
        await uow.commit()
    return terminal, key, secret


async def _code_for(asked: str | None, uow: SalesUnitOfWork) -> str:
    """The code asked for, if no terminal has it; else the next generated code not in use
    (registrations take turns, so two cannot take the same)."""
    if asked is not None:
        if await uow.terminals.code_in_use(asked):
            raise TerminalCodeTaken(
                f"รหัสเครื่องขาย {asked} มีเครื่องอื่นใช้แล้ว / terminal code {asked} is already "
                "another terminal's: choose another",
                code=asked,
            )
        return asked
    while True:
        code = generated_code(await uow.terminals.next_code_number())
        if not await uow.terminals.code_in_use(code):
            return code


async def _issue(
    uow: SalesUnitOfWork, terminal_id: uuid.UUID, now: datetime
) -> tuple[TerminalKey, str]:
    secret = keys.new_key()
    key = TerminalKey(uuid.uuid4(), terminal_id, keys.hint(secret), now)
    await uow.terminals.add_key(key, keys.key_hash(secret))
    return key, secret


async def issue_key(
    cmd: commands.IssueKey, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> tuple[TerminalKey, str]:
    """Another key for rotation: a terminal holds at most two active keys."""
    terminal_id = cmd.terminal_id
    access.run_shop(cmd.shop)
    async with uow:
        if await uow.terminals.get(terminal_id, for_update=True) is None:
            raise NotFound(f"there is no terminal {terminal_id}")
        active = [k for k in await uow.terminals.keys(terminal_id) if k.active]
        if len(active) >= keys.MAX_ACTIVE_KEYS:
            raise Conflict(
                f"terminal {terminal_id} already has {keys.MAX_ACTIVE_KEYS} active keys: revoke "
                "the old one first",
                active_keys=[str(k.key_id) for k in active],
            )
        key, secret = await _issue(uow, terminal_id, clock())
        uow.audit("terminal.key_issued", "terminal", terminal_id)
        await uow.commit()
    return key, secret


async def revoke_key(
    cmd: commands.RevokeKey, uow: SalesUnitOfWork, clock: Clock = now_bangkok
) -> TerminalKey:
    terminal_id, key_id = cmd.terminal_id, cmd.key_id
    access.run_shop(cmd.shop)
    async with uow:
        if await uow.terminals.get(terminal_id, for_update=True) is None:
            raise NotFound(f"there is no terminal {terminal_id}")
        key = await uow.terminals.revoke_key(terminal_id, key_id, clock())
        if key is None:
            raise NotFound(f"terminal {terminal_id} has no key {key_id}")
        uow.audit("terminal.key_revoked", "terminal", terminal_id)
        await uow.commit()
    return key
