"""One fault run: build the world, drive the load while the injectors work, heal, let the
terminals settle what was never answered, then check every source of truth and print the
run's table. Fails on any lost or duplicated effect."""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Awaitable, Callable

import httpx
import pytest

from tests.faults.checker import Checker, RunReport
from tests.faults.ledger import Ledger
from tests.faults.load import LoadDriver, LoadPlan
from tests.faults.poison import MUST_BE_DEAD_LETTERED, Poison, publish_poison
from tests.faults.stack import FaultStack
from tests.faults.topic_reader import read_topic
from tests.faults.world import STAFF, World, build_world, every_item, open_terminals
from tests.integration.registry.payloads import product_payload

SEED = int(os.environ.get("OTOP_FAULT_SEED", "20261121"))

Faults = Callable[[LoadDriver, RunReport, random.Random], Awaitable[None]]


def soak_seconds() -> float:
    return float(os.environ.get("OTOP_FAULT_SOAK_SECONDS", "0") or 0)


async def run_scenario(
    name: str,
    stack: FaultStack,
    faults: Faults,
    plan: LoadPlan,
    *,
    online: int = 4,
    offline: int = 2,
    poison: bool = False,
    heal: Callable[[], Awaitable[None]] | None = None,
) -> RunReport:
    started = time.monotonic()
    report = RunReport(name)
    rng = random.Random(f"{SEED}:{name}")
    world = await build_world(stack)
    await open_terminals(stack, world, online, offline)
    ledger = Ledger()
    driver = LoadDriver(
        stack.url("sales"), stack.url("events"), world, ledger, rng.randint(0, 2**31)
    )
    load = asyncio.create_task(driver.run(plan))
    try:
        await faults(driver, report, rng)
        driver.stopping.set()
        await load
    finally:
        if not load.done():
            load.cancel()
    if heal is not None:
        await heal()
    await stack.wait_ready(timeout=90)
    await driver.settle_unanswered()
    checker = Checker(stack, world, ledger, report)
    poisons: list[Poison] = []
    if poison:
        poisons = await publish_poison(stack.bootstrap_servers)
        await list_a_product_after_poison(stack, world, report)
    await checker.wait_outbox_drained()
    await checker.check_sales(driver.backlog_day)
    await checker.check_registrations()
    await checker.wait_outbox_drained()
    await checker.check_deliveries()
    if poisons:
        await check_dead_letters(stack, poisons, report)
    for node in stack.nodes.values():
        for why in node.exits:
            report.faults[f"{node.name} exited by itself"] += 1
            report.notes.append(f"{node.name} exited by itself and was started again: {why}")
    report.seconds = time.monotonic() - started
    return report


async def check_dead_letters(stack: FaultStack, poisons: list[Poison], report: RunReport) -> None:
    """Every poison that must be dead-lettered is in its topic's DLQ with a reason, and
    every consumer got past it (its processed events went on after it)."""
    must = [p for p in poisons if p.kind in MUST_BE_DEAD_LETTERED]
    report.poison_sent = len(must)
    report.faults["poison messages"] += len(poisons)
    found: set[str] = set()
    for topic in sorted({p.topic for p in must}):
        keys = {p.key for p in must if p.topic == topic}

        def enough(records: list[object], keys: set[str] = keys) -> bool:
            return keys <= {
                r.key.decode()
                for r in records
                if r.key and r.headers.get("dlq.error")  # type: ignore[attr-defined]
            }

        letters = await read_topic(stack.bootstrap_servers, f"{topic}.dlq", enough, timeout=60)
        for letter in letters:
            if letter.key and letter.headers.get("dlq.error"):
                found.add(letter.key.decode())
    report.poison_dead_lettered = sum(1 for p in must if p.key in found)
    missing = [f"{p.topic}:{p.kind}" for p in must if p.key not in found]
    if missing:
        report.notes.append(f"not dead-lettered: {missing}")


async def list_a_product_after_poison(stack: FaultStack, world: World, report: RunReport) -> None:
    """A fresh valid event behind the poison on registry.products.v1 still reaches sales."""
    sku = f"F{world.tag}-after-poison"
    body = product_payload(sku=sku, category="textiles_and_clothing", certifications=[])
    async with (
        httpx.AsyncClient(base_url=stack.url("registry"), headers=STAFF, timeout=30) as reg,
        httpx.AsyncClient(base_url=stack.url("sales"), headers=STAFF, timeout=30) as sales,
    ):
        listed = await reg.post(f"/v1/members/{world.producers[0]}/products", json=body)
        assert listed.status_code == 201, listed.text
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            items = await every_item(sales, "/v1/catalogue", status="listed")
            if sku in {p["sku"] for p in items}:
                return
            await asyncio.sleep(0.5)
    report.consumers_stuck.append("sales.registry-products: a product listed after poison")


def verdict(report: RunReport, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + report.table())
    failures = report.failures()
    assert not failures, f"{report.scenario}: {'; '.join(failures)}"
