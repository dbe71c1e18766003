"""The customer of an online order, as the notifications service keeps them: how to reach
them (personal data: never logged, never in a delivery's context or event) and for how long.

A customer is told on every channel they gave: e-mail, and LINE where given; a customer who
gave only a phone number gets a text message. Messages to customers are in Thai with English
beneath (one message for both), sent at once (a customer sets no quiet hours).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.contracts.notifications import Channel

CUSTOMER_LANGUAGE = "th"
# States after which nothing more happens to an order.
ENDED_STATES = frozenset({"completed", "cancelled", "expired"})


@dataclass(frozen=True)
class CustomerContact:
    # Out of the repr: a contact that finds its way into a log line shows no personal data.
    name: str | None = field(repr=False)
    email: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    line_id: str | None = field(default=None, repr=False)

    def address(self, channel: Channel) -> str | None:
        return {
            Channel.EMAIL: self.email,
            Channel.LINE: self.line_id,
            Channel.SMS: self.phone,
        }.get(channel)

    def channels(self) -> tuple[Channel, ...]:
        """The channels this customer is told on, e-mail first."""
        given = tuple(c for c in (Channel.EMAIL, Channel.LINE) if self.address(c))
        if given:
            return given
        return (Channel.SMS,) if self.phone else ()


@dataclass(frozen=True)
class OrderFacts:
    """What later messages about an order say of it (no personal data)."""

    order_id: uuid.UUID
    number: str
    fulfilment: str
    total: str
    channels: tuple[Channel, ...]
    ended: bool


@dataclass(frozen=True)
class Retention:
    """How long a customer's contact is kept: `after_end` past the order's end, and at most
    `at_most` past its placing (an order whose end never arrives is not kept for ever)."""

    after_end: timedelta = timedelta(days=90)
    at_most: timedelta = timedelta(days=365)

    def cutoffs(self, now: datetime) -> tuple[datetime, datetime]:
        """Orders that ended before the first, or were placed before the second, are due
        for erasure."""
        return now - self.after_end, now - self.at_most
