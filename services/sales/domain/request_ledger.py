"""Requests made at most once: a sale or a refund is identified by the id the terminal gave
it, and the ledger keeps, under that id, the fingerprint of the request and the receipt
answered to it.

The same request again (same fingerprint) is answered with the stored receipt; another
request under a used id is a conflict; an id not in the ledger is a new request.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class RequestKind(Enum):
    SALE = "sale"
    REFUND = "refund"


@dataclass(frozen=True)
class LedgerEntry:
    """What the ledger keeps of one request: its fingerprint and the receipt answered."""

    fingerprint: str
    receipt: dict[str, Any]


class Seen(Enum):
    NEW = "new"
    REPLAYED = "replayed"
    CONFLICT = "conflict"


def seen(fingerprint: str, stored: LedgerEntry | None) -> Seen:
    """Whether a request with `fingerprint` is new, the stored one again, or a conflict."""
    if stored is None:
        return Seen.NEW
    if stored.fingerprint == fingerprint:
        return Seen.REPLAYED
    return Seen.CONFLICT
