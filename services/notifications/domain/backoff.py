"""Exponential backoff with jitter for retrying a channel after a transient failure."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    initial_seconds: float
    max_seconds: float
    jitter: Callable[[], float] = random.random  # 0 ≤ x < 1

    def delay(self, failures: int) -> float:
        """Seconds to wait after the `failures`-th failure: full exponential, then a random
        share of the upper half so retries of many messages spread out."""
        ceiling = min(self.max_seconds, self.initial_seconds * 2 ** max(failures - 1, 0))
        return ceiling * (0.5 + 0.5 * self.jitter())
