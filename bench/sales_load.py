"""Sales sent by many terminals over real HTTP: request bodies, and the two kinds of load."""

from __future__ import annotations

import random
import time
import uuid
from decimal import Decimal
from typing import Any

from bench.client import Api
from bench.data import Dataset
from bench.schedule import ClosedLoopResult, OpenLoopResult, closed_loop, open_loop
from shared.timeutil import now_bangkok


def sale_body(rng: random.Random, products: list[dict[str, Any]]) -> dict[str, Any]:
    """One to three lines of listed products, paid exactly by card."""
    chosen = rng.sample(products, rng.randint(1, 3))
    lines = [
        {"sku": p["sku"], "quantity": rng.choice([1, 1, 2, 3]), "unit_price": p["price"]}
        for p in chosen
    ]
    total = sum(Decimal(line["unit_price"]) * line["quantity"] for line in lines)
    return {
        "sale_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "occurred_at": now_bangkok().isoformat(),
        "lines": lines,
        "payments": [{"method": "card", "amount": str(total)}],
    }


class SalesSender:
    """Posts sales, terminal by terminal; remembers when each sale was answered."""

    def __init__(self, api: Api, sales_url: str, data: Dataset, seed: int) -> None:
        self.api = api
        self.url = f"{sales_url}/v1/sales"
        self.data = data
        self.rng = random.Random(seed)
        self.answered: dict[str, float] = {}  # sale id → perf_counter of its 201
        self.errors: dict[int, int] = {}

    async def post(self, terminal: int) -> bool:
        body = sale_body(self.rng, self.data.products)
        key = self.data.terminals[terminal % len(self.data.terminals)]["api_key"]
        status = await self.api.status("POST", self.url, body, token=key)
        if status == 201:
            self.answered[body["sale_id"]] = time.perf_counter()
            return True
        self.errors[status] = self.errors.get(status, 0) + 1
        return False

    async def closed(self, clients: int, seconds: float) -> ClosedLoopResult:
        """Each client its own terminal."""
        return await closed_loop(clients, seconds, lambda client, _: self.post(client))

    async def open(self, rate: float, seconds: float) -> OpenLoopResult:
        """Sales at planned times, the terminals taking turns."""
        return await open_loop(rate, seconds, self.post)
