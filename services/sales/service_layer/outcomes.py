"""What became of a terminal's request: recorded now, the same request answered again, or
refused for a reason (a `DomainError`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Any

from services.sales.domain.errors import DomainError


class Outcome(Enum):
    RECORDED = "recorded"
    REPLAYED = "replayed"
    REFUSED = "refused"


@dataclass(frozen=True)
class SaleOutcome:
    """A sale recorded (its receipt), the same sale again (the original receipt), or the
    reason it was refused."""

    sale_id: uuid.UUID
    outcome: Outcome
    receipt: dict[str, Any] | None = None
    error: DomainError | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome is not Outcome.REFUSED


@dataclass(frozen=True)
class RefundOutcome:
    """A refund made now or the same refund again, with its receipt."""

    outcome: Outcome
    receipt: dict[str, Any]
