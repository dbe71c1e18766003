"""Consignment statements: what a producer earned in a period, the shop's commission and
the payout, exact to the satang."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from services.sales.domain.allocation import percent_of


@dataclass(frozen=True)
class Statement:
    producer_id: uuid.UUID
    sale_count: int
    gross: int  # the producer's sale lines, net of their discount shares
    refunds: int
    commission_percent: Decimal

    @property
    def net(self) -> int:
        return self.gross - self.refunds

    @property
    def commission(self) -> int:
        """The commission on the statement's net sales, rounded half-up to the satang."""
        return percent_of(self.net, self.commission_percent)

    @property
    def payout(self) -> int:
        return self.net - self.commission


def statement(
    producer_id: uuid.UUID,
    sold: list[tuple[uuid.UUID, int]],
    refunded: list[int],
    commission_percent: Decimal,
) -> Statement:
    """`sold`: (sale id, line net) of every sale line the statement pays; `refunded`: the
    amount of every refund line it takes back."""
    if not Decimal(0) <= commission_percent <= Decimal(100):
        raise ValueError("commission is a percentage between 0 and 100")
    return Statement(
        producer_id=producer_id,
        sale_count=len({sale_id for sale_id, _ in sold}),
        gross=sum(net for _, net in sold),
        refunds=sum(refunded),
        commission_percent=commission_percent,
    )
