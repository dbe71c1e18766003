"""Sales terminals (tablets at the shop or at an event's booth) and their API keys."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.sales.domain.errors import ForbiddenForTerminal, InvalidInput
from services.sales.domain.receipts import check_terminal_code
from shared.contracts.sales import TerminalLocation


@dataclass(frozen=True)
class Terminal:
    terminal_id: uuid.UUID
    name: str
    location: TerminalLocation
    event_id: uuid.UUID | None
    created_at: datetime
    # The short code its receipt numbers start with (e.g. "KK01"), unique among terminals.
    code: str = ""

    @classmethod
    def register(
        cls,
        name: str,
        location: TerminalLocation,
        event_id: uuid.UUID | None,
        now: datetime,
        code: str,
    ) -> Terminal:
        check_terminal_code(code)
        if not name.strip():
            raise InvalidInput("a terminal needs a name")
        if location is TerminalLocation.BOOTH and event_id is None:
            raise InvalidInput("a booth terminal needs the event_id of its showcase event")
        if location is TerminalLocation.SHOP and event_id is not None:
            raise InvalidInput("a shop terminal belongs to no event: leave event_id out")
        return cls(uuid.uuid4(), name.strip(), location, event_id, now, code)

    def event_for_sale(self, named: uuid.UUID | None) -> uuid.UUID | None:
        """The event a sale is attributed to; a terminal sells only for its own booth."""
        if named is not None and named != self.event_id:
            raise ForbiddenForTerminal(
                f"this terminal cannot record sales for event {named}: "
                + (
                    f"it is the booth terminal of event {self.event_id}"
                    if self.event_id
                    else "it is a shop terminal"
                )
            )
        return self.event_id


@dataclass(frozen=True)
class TerminalKey:
    key_id: uuid.UUID
    terminal_id: uuid.UUID
    hint: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class AuthenticatedTerminal:
    terminal: Terminal
    key_id: uuid.UUID
