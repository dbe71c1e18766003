"""Rows as the sales service answers them: every moment in Asia/Bangkok time (the same
instant the database keeps in UTC)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, overload

from shared.timeutil import BANGKOK


@overload
def in_bangkok(moment: datetime) -> datetime: ...
@overload
def in_bangkok(moment: None) -> None: ...
def in_bangkok(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(BANGKOK)


def row_in_bangkok(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's columns, its moments told in Bangkok time."""
    return {
        key: value.astimezone(BANGKOK) if isinstance(value, datetime) else value
        for key, value in row.items()
    }
