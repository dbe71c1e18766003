"""The benchmark's sizes: the full run, and the quick one for a smoke test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    runs: int = 3
    members: int = 400  # every one applies to each burst event
    products_each: int = 8  # 3,200 products
    terminals: int = 60
    closed_clients: tuple[int, ...] = (20, 50)
    closed_seconds: float = 8.0
    open_rates: tuple[float, ...] = (200.0, 500.0)
    open_seconds: float = 8.0
    pgbench_seconds: float = 8.0
    batches: int = 2
    batch_size: int = 1000
    relay_rate: float = 200.0
    relay_seconds: float = 10.0
    registrations_per_second: float = 20.0
    backlog: int = 100_000
    drain_patience: float = 60.0  # beyond it, the rate of what was consumed meanwhile
    burst_events: int = 4
    burst_capacity: int = 100


FULL = Sizes()
QUICK = Sizes(
    runs=1,
    members=60,
    products_each=4,
    terminals=50,
    closed_seconds=2.0,
    open_seconds=2.0,
    pgbench_seconds=2.0,
    batches=1,
    relay_seconds=2.0,
    backlog=3_000,
    drain_patience=20.0,
    burst_capacity=10,
)
