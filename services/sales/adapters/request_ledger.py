"""The request ledger in Postgres: each sale and each refund row keeps the fingerprint of the
request that made it (`request_hash`) and the receipt answered (`receipt`), written with the
row itself (`ledger_columns`) and read back here by kind and id."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import asyncpg

from services.sales.domain.request_ledger import LedgerEntry, RequestKind

SALE_REQUESTS = """
SELECT sale_id AS request_id, request_hash, receipt FROM sales WHERE sale_id = ANY($1::uuid[])
"""
REFUND_REQUESTS = """
SELECT refund_id AS request_id, request_hash, receipt FROM refunds
WHERE refund_id = ANY($1::uuid[])
"""
REQUESTS_OF_KIND = {RequestKind.SALE: SALE_REQUESTS, RequestKind.REFUND: REFUND_REQUESTS}


def ledger_columns(entry: LedgerEntry) -> tuple[str, dict[str, Any]]:
    """(request_hash, receipt): the ledger's columns of a sale or refund row."""
    return entry.fingerprint, entry.receipt


class PostgresRequestLedger:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def entries(
        self, kind: RequestKind, request_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, LedgerEntry]:
        """request id → its ledger entry, for the ids already used by a request of `kind`."""
        rows = await self._conn.fetch(REQUESTS_OF_KIND[kind], list(request_ids))
        return {r["request_id"]: LedgerEntry(r["request_hash"], r["receipt"]) for r in rows}
