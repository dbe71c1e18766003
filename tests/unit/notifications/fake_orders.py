"""An in-memory fake of the online orders' customer contacts."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from services.notifications.domain.customers import CustomerContact, OrderFacts, Retention


class FakeOrderContacts:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}

    async def keep(self, facts, state, contact, placed_at) -> bool:  # type: ignore[no-untyped-def]
        if facts.order_id in self.rows:
            return False
        self.rows[facts.order_id] = {
            "facts": facts,
            "state": state,
            "contact": contact,
            "placed_at": placed_at,
            "ended_at": None,
        }
        return True

    async def facts(self, order_id: uuid.UUID) -> OrderFacts | None:
        row = self.rows.get(order_id)
        if row is None:
            return None
        return replace(row["facts"], ended=row["ended_at"] is not None)

    async def move(self, order_id: uuid.UUID, state: str, ended_at: datetime | None) -> None:
        row = self.rows[order_id]
        row["state"] = state
        row["ended_at"] = row["ended_at"] or ended_at

    async def contact(self, order_id: uuid.UUID) -> CustomerContact | None:
        row = self.rows.get(order_id)
        return row["contact"] if row else None

    async def erase_due(self, now: datetime, retention: Retention, limit: int) -> int:
        ended_before, placed_before = retention.cutoffs(now)
        due = [
            row
            for row in self.rows.values()
            if row["contact"] is not None
            and (
                (row["ended_at"] is not None and row["ended_at"] < ended_before)
                or row["placed_at"] < placed_before
            )
        ][:limit]
        for row in due:
            row["contact"] = None
        return len(due)
