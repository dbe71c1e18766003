"""Fault injectors: each runs while the load does, at moments drawn from a seeded RNG, and
counts what it did in the run's report."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

from shared.logging import get_logger
from shared.messaging.relay import mark_for_republish
from shared.timeutil import now_bangkok
from tests.faults.brokers import OwnedBroker
from tests.faults.checker import RunReport
from tests.faults.load import LoadDriver
from tests.faults.proxy import Direction, FaultProxy
from tests.faults.stack import SERVICES, FaultStack
from tests.faults.world import STAFF, World

log = get_logger(__name__)

Injector = Callable[[], Awaitable[None]]


async def kill_each_service(
    stack: FaultStack, driver: LoadDriver, report: RunReport, rng: random.Random
) -> None:
    """kill -9 each service in turn at a random moment, then start it again (the next kill
    does not wait for it to be ready). The sales and registry services are killed right
    after a burst of acknowledgements: committed, maybe not yet published."""
    restarting: list[asyncio.Task[float]] = []
    for name in SERVICES:
        await asyncio.sleep(rng.uniform(1.0, 4.0))
        if name in ("sales", "registry"):
            driver.acknowledged_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(driver.acknowledged_event.wait(), 10)
        stack.nodes[name].kill()
        report.faults[f"kill -9 {name}"] += 1
        await asyncio.sleep(rng.uniform(0.2, 1.5))
        restarting.append(asyncio.create_task(stack.restart(name)))
    for name, took in zip(SERVICES, await asyncio.gather(*restarting), strict=True):
        report.notes.append(f"{name} ready {took:.1f}s after restart")


async def kill_inside_a_consumer_batch_and_a_send(
    stack: FaultStack, world: World, report: RunReport, rng: random.Random
) -> None:
    """Rate every product at once: a burst of `product.rated`, each one message to its
    producer. The moment the slow LINE stand-in holds a push, kill -9 notifications (inside
    a send, the rest of the burst not yet consumed) and events (reading the same burst)."""
    pushes_before = sum(stack.line.attempts.values())
    round_year = 2026 - 2 * world.rating_rounds
    world.rating_rounds += 1
    rated_on = now_bangkok().date().replace(year=round_year)
    async with httpx.AsyncClient(base_url=stack.url("registry"), headers=STAFF, timeout=30) as reg:
        answers = await asyncio.gather(
            *(
                reg.post(
                    f"/v1/products/{p.product_id}/ratings",
                    json={
                        "round_year": round_year,
                        "stars": rng.randint(3, 5),
                        "rated_on": str(rated_on),
                    },
                )
                for p in world.products
            )
        )
    assert all(a.status_code == 201 for a in answers), [a.text for a in answers][:2]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 15
    while sum(stack.line.attempts.values()) == pushes_before and loop.time() < deadline:
        await asyncio.sleep(0.02)
    stack.nodes["notifications"].kill()
    stack.nodes["events"].kill()
    report.faults["kill -9 notifications inside a send"] += 1
    report.faults["kill -9 events inside a consumer batch"] += 1
    await asyncio.sleep(rng.uniform(0.2, 1.0))
    took = await asyncio.gather(stack.restart("notifications"), stack.restart("events"))
    report.notes.append(f"notifications, events ready {took[0]:.1f}s, {took[1]:.1f}s after restart")


async def restart_broker(
    stack: FaultStack, broker: OwnedBroker, report: RunReport, rng: random.Random, down: float = 2.0
) -> None:
    """Stop the broker under load and start it again. The embedded broker comes back empty:
    the operator republishes every outbox; services must recreate their topics and resume by
    themselves, without a restart."""
    await asyncio.sleep(rng.uniform(3.0, 8.0))
    lost_since = datetime.now(UTC) - timedelta(days=1)
    broker.stop()
    report.faults[f"broker restart ({broker.kind})"] += 1
    await asyncio.sleep(down)
    broker.start()
    if not broker.keeps_data:
        republished = await republish_everything(stack, lost_since)
        report.notes.append(f"operator republished {republished} outbox rows")


async def republish_everything(stack: FaultStack, since: datetime) -> int:
    conn = await asyncpg.connect(stack.database.admin_dsn)
    try:
        total = 0
        for schema in SERVICES:
            await conn.execute(f"SET search_path TO {schema}")
            total += await mark_for_republish(conn, schema, since)
        return total
    finally:
        await conn.close()


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


async def restart_postgres_immediately(
    postgres: object, report: RunReport, rng: random.Random, down: float = 2.0
) -> None:
    """Immediate shutdown (SIGQUIT to the postmaster: no checkpoint, crash recovery at the
    next start) under load, then start it again on the same port."""
    from devstack.servers.postgres import EmbeddedPostgres

    assert isinstance(postgres, EmbeddedPostgres)
    await asyncio.sleep(rng.uniform(3.0, 8.0))
    pid = _postmaster_pid(postgres.data_dir)
    os.kill(pid, signal.SIGQUIT)
    report.faults["postgres immediate shutdown"] += 1
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(down)
    await asyncio.to_thread(postgres.start)


async def network_faults(
    proxies: dict[str, FaultProxy], report: RunReport, rng: random.Random
) -> None:
    """Through each proxy in turn: added latency, every connection cut, new connections
    refused for a while, then a half-open spell where bytes stop flowing."""
    for name, proxy in proxies.items():
        await asyncio.sleep(rng.uniform(1.0, 3.0))
        proxy.set_latency(0.05)
        report.faults[f"latency 50ms ({name})"] += 1
        await asyncio.sleep(3.0)
        proxy.heal()
        proxy.cut()
        report.faults[f"connections cut ({name})"] += 1
        await asyncio.sleep(1.0)
        proxy.refuse_for(3.0)
        proxy.cut()
        report.faults[f"connections refused 3s ({name})"] += 1
        await asyncio.sleep(4.0)
        proxy.half_open(Direction.BOTH)
        report.faults[f"half-open 8s ({name})"] += 1
        await asyncio.sleep(8.0)
        proxy.cut()  # what a TCP keepalive or a timeout eventually does to a dead peer
        proxy.heal()
