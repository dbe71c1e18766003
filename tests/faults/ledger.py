"""What the terminals and members saw: every request they sent and every answer that
acknowledged it. The checker compares the platform's sources of truth with this."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class SaleSent:
    sale_id: uuid.UUID
    terminal_id: str
    business_day: date
    # (line_no, producer_id, quantity, net amount)
    lines: tuple[tuple[int, str, int, Decimal], ...]
    total: Decimal


@dataclass(frozen=True)
class RefundSent:
    refund_id: uuid.UUID
    sale: SaleSent
    line_no: int

    @property
    def producer_id(self) -> str:
        return next(p for n, p, _, _ in self.sale.lines if n == self.line_no)

    @property
    def amount(self) -> Decimal:
        return next(a for n, _, _, a in self.sale.lines if n == self.line_no)


@dataclass
class Ledger:
    sales_sent: dict[uuid.UUID, SaleSent] = field(default_factory=dict)
    sales_acknowledged: dict[uuid.UUID, int] = field(default_factory=dict)  # → first status
    sales_refused: dict[uuid.UUID, str] = field(default_factory=dict)
    refunds_sent: dict[uuid.UUID, RefundSent] = field(default_factory=dict)
    refunds_acknowledged: set[uuid.UUID] = field(default_factory=set)
    # (event id, member id) → decision status (confirmed, waitlisted, …)
    registrations: dict[tuple[str, str], str] = field(default_factory=dict)
    retries: Counter[str] = field(default_factory=Counter)  # reason → retried requests
    replays: int = 0  # acknowledgements that were 200 (a retry of a recorded sale)

    def acknowledge_sale(self, sale_id: uuid.UUID, status: int) -> None:
        self.sales_acknowledged.setdefault(sale_id, status)
        if status == 200:
            self.replays += 1

    @property
    def unacknowledged(self) -> list[uuid.UUID]:
        return [
            s
            for s in self.sales_sent
            if s not in self.sales_acknowledged and s not in self.sales_refused
        ]

    def net_by_producer_day(self) -> dict[tuple[str, date], Decimal]:
        """Acknowledged sales less acknowledged refunds, on the sale's business day."""
        totals: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
        for sale_id in self.sales_acknowledged:
            sale = self.sales_sent[sale_id]
            for _, producer, _, amount in sale.lines:
                totals[(producer, sale.business_day)] += amount
        for refund_id in self.refunds_acknowledged:
            refund = self.refunds_sent[refund_id]
            totals[(refund.producer_id, refund.sale.business_day)] -= refund.amount
        return dict(totals)

    def sale_count_by_producer_day(self) -> dict[tuple[str, date], int]:
        counts: Counter[tuple[str, date]] = Counter()
        for sale_id in self.sales_acknowledged:
            sale = self.sales_sent[sale_id]
            for producer in {p for _, p, _, _ in sale.lines}:
                counts[(producer, sale.business_day)] += 1
        return dict(counts)
