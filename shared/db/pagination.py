"""Keyset pagination: an opaque cursor for the last row of a page (its moment and id)."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from shared.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(moment: datetime, ident: uuid.UUID) -> str:
    raw = json.dumps([moment.isoformat(), str(ident)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The position a cursor from `encode_cursor` stands for; InvalidInput for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not (
            isinstance(decoded, list)
            and len(decoded) == 2
            and all(isinstance(part, str) for part in decoded)
        ):
            raise ValueError("not a [moment, id] pair")
        moment = datetime.fromisoformat(decoded[0])
        if moment.tzinfo is None:
            raise ValueError("the moment has no timezone")
        return moment.astimezone(UTC), uuid.UUID(decoded[1])
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidInput("the cursor is not one this service gave out") from exc
