"""A terminal's shift as stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Shift:
    shift_id: uuid.UUID
    terminal_id: uuid.UUID
    opened_at: datetime
    opening_float: int
    closed_at: datetime | None = None
    counted_cash: int | None = None
    report: dict[str, Any] | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
