"""End to end under load: a member's registration (201 from the registry) until the events
service's read model holds the member."""

from __future__ import annotations

import asyncio
import random
import time

import asyncpg

from bench.client import Api
from bench.data import member_body


class RegistrationsToReadModel:
    def __init__(self, api: Api, registry_url: str, admin_dsn: str, seed: int) -> None:
        self.api = api
        self.url = f"{registry_url}/v1/members"
        self.admin_dsn = admin_dsn
        self.rng = random.Random(seed)
        self.answered: dict[str, float] = {}
        self.seen: dict[str, float] = {}

    async def register(self, n: int) -> bool:
        created = await self.api.call("POST", self.url, member_body(100_000 + n, self.rng))
        self.answered[created["member_id"]] = time.perf_counter()
        return True

    async def run(self, rate: float, seconds: float) -> None:
        """Register at `rate`/s for `seconds`, then wait (at most 30 s) for the read model."""
        conn = await asyncpg.connect(self.admin_dsn)
        stop = asyncio.Event()

        async def watch() -> None:
            while not stop.is_set() or len(self.seen) < len(self.answered):
                waiting = [m for m in self.answered if m not in self.seen]
                if waiting:
                    rows = await conn.fetch(
                        "SELECT member_id::text FROM events.members "
                        "WHERE member_id = ANY($1::uuid[])",
                        waiting,
                    )
                    now = time.perf_counter()
                    for row in rows:
                        self.seen.setdefault(row[0], now)
                await asyncio.sleep(0.01)

        watcher = asyncio.create_task(watch())
        try:
            sends = []
            start = time.perf_counter()
            for i in range(int(rate * seconds)):
                delay = start + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                sends.append(asyncio.create_task(self.register(i)))
            await asyncio.gather(*sends)
            stop.set()
            await asyncio.wait_for(watcher, 30)
        except TimeoutError:
            pass
        finally:
            watcher.cancel()
            await conn.close()

    def delays(self) -> list[float]:
        return [max(0.0, self.seen[k] - t) for k, t in self.answered.items() if k in self.seen]
