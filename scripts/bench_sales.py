"""Benchmark of the sales service's write path, printing its figures.

    .venv/bin/python scripts/bench_sales.py [--single 1000] [--concurrency 20] [--batches 5]

Starts an embedded PostgreSQL and broker (or uses TEST_DATABASE_URL and
TEST_KAFKA_BOOTSTRAP_SERVERS), registers a shop terminal, and measures over HTTP (in-process
ASGI client, real database, outbox relay running):
  1. single sales (POST /v1/sales) from concurrent clients: sales/s, p50/p95 latency;
  2. retries of the same sales: answers/s (nothing new is stored);
  3. offline backlogs (POST /v1/sales/batch, 1,000 sales each): sales/s, p50/p95 per batch.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from bench_setup import TOKEN, pct, prepare

from services import topology
from services.sales.adapters.catalogue import upsert_product
from services.sales.app import DEFINITION
from services.sales.settings import SalesSettings
from shared.contracts.registry import ProductCategory, ProductSnapshot, ProductStatus
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.messaging.topics import all_topic_names, ensure_topics
from shared.service.runtime import runtime_of
from shared.settings import KafkaSettings
from shared.timeutil import now_bangkok
from tests.infrastructure import real_servers

PRICES = ["85.50", "19.99", "1250.00", "333.33", "7.25", "149.00", "45.00", "220.00"]


def sale(rng: random.Random, minutes_ago: float) -> dict:
    picked = rng.sample(range(len(PRICES)), rng.randint(1, 4))
    lines = [
        {"sku": f"SK-BENCH-{i}", "quantity": rng.randint(1, 5), "unit_price": PRICES[i]}
        for i in picked
    ]
    total = sum(Decimal(ln["unit_price"]) * ln["quantity"] for ln in lines)
    discount = Decimal(rng.randint(0, 500)) / 100 if total > 10 else Decimal(0)
    return {
        "sale_id": str(uuid.uuid4()),
        "occurred_at": (now_bangkok() - timedelta(minutes=minutes_ago)).isoformat(),
        "lines": lines,
        "payments": [{"method": "cash", "amount": str(total - discount + 100)}],
        "discount": str(discount),
    }


async def run(dsn: str, bootstrap: str, singles: int, concurrency: int, batches: int) -> None:
    settings = SalesSettings(
        database_url=dsn,
        admin_token=TOKEN,
        kafka=KafkaSettings(bootstrap_servers=bootstrap),
        log_level="WARNING",
        sales_summary_job=False,
        db_pool_max_size=concurrency + 2,
    )
    app = build_app(DEFINITION.without_consumers(), settings)
    rng = random.Random(7)
    async with app.router.lifespan_context(app):
        async with runtime_of(app).pool.acquire() as conn:
            for i, price in enumerate(PRICES):
                await upsert_product(
                    conn,
                    ProductSnapshot(
                        product_id=uuid.uuid4(),
                        member_id=uuid.uuid4(),
                        version=1,
                        sku=f"SK-BENCH-{i}",
                        name_th="สินค้า",
                        category=ProductCategory.FOOD,
                        unit="ชิ้น",
                        price=price,
                        certifications=[],
                        status=ProductStatus.LISTED,
                        province_code="90",
                    ),
                )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://sales",
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as staff:
            terminal = (
                await staff.post("/v1/terminals", json={"name": "bench", "location": "shop"})
            ).json()
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://sales",
            headers={"Authorization": f"Bearer {terminal['api_key']}"},
            timeout=120,
        ) as till:
            await till.post("/v1/shifts", json={"opening_float": "1000.00"})
            bodies = [sale(rng, 0.05) for _ in range(singles)]
            latencies: list[float] = []
            queue = list(bodies)

            async def worker() -> None:
                while queue:
                    body = queue.pop()
                    started = time.perf_counter()
                    response = await till.post("/v1/sales", json=body)
                    latencies.append(time.perf_counter() - started)
                    assert response.status_code == 201, response.text

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
            print(
                f"single sales: {singles} in {elapsed:.2f} s: {singles / elapsed:,.0f} sales/s "
                f"(concurrency {concurrency}); p50 {pct(latencies, 0.5) * 1000:.1f} ms, "
                f"p95 {pct(latencies, 0.95) * 1000:.1f} ms"
            )

            queue = list(bodies)
            latencies.clear()

            async def retrier() -> None:
                while queue:
                    body = queue.pop()
                    t0 = time.perf_counter()
                    response = await till.post("/v1/sales", json=body)
                    latencies.append(time.perf_counter() - t0)
                    assert response.status_code == 200, response.text

            started = time.perf_counter()
            await asyncio.gather(*(retrier() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
            print(
                f"retried sales: {singles} answered in {elapsed:.2f} s: "
                f"{singles / elapsed:,.0f} retries/s; p50 {pct(latencies, 0.5) * 1000:.1f} ms, "
                f"p95 {pct(latencies, 0.95) * 1000:.1f} ms"
            )

            batch_times: list[float] = []
            for _ in range(batches):
                backlog = [sale(rng, rng.uniform(60, 600)) for _ in range(1000)]
                t0 = time.perf_counter()
                response = await till.post("/v1/sales/batch", json={"sales": backlog})
                batch_times.append(time.perf_counter() - t0)
                assert response.json()["recorded"] == 1000, response.text[:500]
            total = sum(batch_times)
            print(
                f"batches: {batches} × 1,000 sales in {total:.2f} s: "
                f"{batches * 1000 / total:,.0f} sales/s; per batch p50 "
                f"{pct(batch_times, 0.5) * 1000:.0f} ms, p95 {pct(batch_times, 0.95) * 1000:.0f} ms"
            )
            backlog = [sale(rng, rng.uniform(60, 600)) for _ in range(1000)]
            await till.post("/v1/sales/batch", json={"sales": backlog})
            t0 = time.perf_counter()
            response = await till.post("/v1/sales/batch", json={"sales": backlog})
            elapsed = time.perf_counter() - t0
            assert response.json()["replayed"] == 1000
            print(f"a 1,000-sale backlog uploaded again: answered in {elapsed * 1000:.0f} ms")
        async with runtime_of(app).pool.acquire() as conn:
            stored = await conn.fetchval("SELECT count(*) FROM sales")
        print(f"sales stored: {stored} (expected {singles + batches * 1000 + 1000})")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--single", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--batches", type=int, default=5)
    args = parser.parse_args()
    configure_logging("WARNING", "console")
    with real_servers() as servers:
        await ensure_topics(servers.bootstrap_servers, all_topic_names())
        print(f"servers: {servers.kind}")
        await run(
            await prepare(servers.admin_dsn, "sales", topology.SALES.migrations),
            servers.bootstrap_servers,
            args.single,
            args.concurrency,
            args.batches,
        )


if __name__ == "__main__":
    asyncio.run(main())
