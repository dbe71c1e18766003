"""Keyset pagination: an opaque cursor for the last row of a page (the values of its sort key).

A list is ordered by a unique key (e.g. its moment then its id); a page is the rows after the
cursor's position, and the next cursor is the position of the page's last row. Rows added or
changed meanwhile never make a row appear twice or be skipped.
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from shared.errors import InvalidInput

T = TypeVar("T")

# What one part of a sort key may be.
KeyPart = datetime | date | int | str | uuid.UUID

_CURSOR = re.compile(r"[A-Za-z0-9_-]+")
# A bigint column: a number past it is no position in any list.
_BIGINT = 2**63


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_keyset(*position: KeyPart) -> str:
    """The cursor for a row whose sort key is `position`."""
    parts: list[str | int] = [
        p if isinstance(p, int | str) else p.isoformat() if isinstance(p, date) else str(p)
        for p in position
    ]
    raw = json.dumps(parts, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _part(value: object, kind: type[KeyPart]) -> KeyPart:
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= _BIGINT:
            raise ValueError("not a number of the list")
        return value
    if not isinstance(value, str):
        raise ValueError("not text")
    if kind is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("the moment has no timezone")
        return moment.astimezone(UTC)
    if kind is date:
        return date.fromisoformat(value)
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if "\x00" in value:
        raise ValueError("text with a NUL character")
    return value


def decode_keyset(cursor: str, *kinds: type[KeyPart]) -> tuple[Any, ...]:
    """The position a cursor from `encode_keyset` stands for, one value of each of `kinds`
    (datetime, date, int, str or uuid.UUID); InvalidInput for anything else."""
    try:
        if not _CURSOR.fullmatch(cursor):
            raise ValueError("not base64url")
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not (isinstance(decoded, list) and len(decoded) == len(kinds)):
            raise ValueError("not a position in this list")
        return tuple(_part(value, kind) for value, kind in zip(decoded, kinds, strict=True))
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise InvalidInput("the cursor is not one this service gave out") from exc


def encode_cursor(moment: datetime, ident: uuid.UUID) -> str:
    return encode_keyset(moment, ident)


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The position a cursor from `encode_cursor` stands for; InvalidInput for anything else."""
    moment, ident = decode_keyset(cursor, datetime, uuid.UUID)
    return moment, ident
