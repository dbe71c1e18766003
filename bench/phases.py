"""One run of the measurements that repeat (ingest, its pgbench limit, relay, batches),
and the ones made once (consumers' backlog, registration burst)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bench.batch import backlog, copy_same_rows, upload
from bench.burst import registration_burst
from bench.client import Api
from bench.config import Sizes
from bench.consumers import drain_rates
from bench.data import Dataset
from bench.e2e import RegistrationsToReadModel
from bench.pgbench import run_pgbench
from bench.processes import CpuWindow, Sampler
from bench.profile import profile
from bench.raw_kafka import produce_to_consume
from bench.sales_load import SalesSender
from bench.stack import RunningStack
from bench.stats import latency_summary
from bench.watch import GroupProgress, TopicWatch, consumed_delays, delays
from services.topology import NOTIFICATIONS
from shared.contracts.topics import SALES_TRANSACTIONS

T = TypeVar("T")
# About one batch upload's time: py-spy samples for a fixed time, idle time not counted.
BATCH_PROFILE_SECONDS = 2.0


def _hottest(shares: dict[str, float]) -> dict[str, Any]:
    name = max(shares, key=lambda n: shares[n])
    return {"process": name, "cores": shares[name]}


async def _settle(
    watch: TopicWatch, progress: GroupProgress, answered: dict[str, float], patience: float = 30.0
) -> None:
    """Until every answered sale is readable and consumed (at most `patience` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while loop.time() < deadline:
        read = all(key in watch.seen for key in answered)
        ends: dict[int, int] = {}
        for partition, offset in watch.positions.values():
            ends[partition] = max(offset, ends.get(partition, -1))
        if read and all(progress.passed(p, o) is not None for p, o in ends.items()):
            return
        await asyncio.sleep(0.2)


@dataclass
class Context:
    api: Api
    stack: RunningStack
    data: Dataset
    sizes: Sizes
    sampler: Sampler
    scripts: list[str]
    profiles: Path | None = None  # where py-spy's folded stacks go, when asked for

    async def profiled(
        self, work: Awaitable[T], names: tuple[str, ...], seconds: float, label: str
    ) -> tuple[T, dict[str, Any]]:
        """`work`'s result, and (when profiles are asked for) what each named process spent
        its time on meanwhile."""
        if self.profiles is None:
            return await work, {}
        pids = {n: self.sampler.processes[n].pid for n in names if n in self.sampler.processes}
        done = await asyncio.gather(
            work,
            *(
                profile(pid, seconds, self.profiles / f"{label}-{name}.folded")
                for name, pid in pids.items()
            ),
        )
        return done[0], dict(zip(pids, done[1:], strict=True))


async def one_run(ctx: Context, run: int) -> dict[str, Any]:
    sizes, stack, api, data = ctx.sizes, ctx.stack, ctx.api, ctx.data
    sales_url = stack.url("sales")
    out: dict[str, Any] = {"closed": {}, "pgbench": {}, "open": {}, "cpu": {}}
    for clients in sizes.closed_clients:
        sender = SalesSender(api, sales_url, data, seed=run * 1000 + clients)
        with CpuWindow(ctx.sampler) as window:
            result, profiles = await ctx.profiled(
                sender.closed(clients, sizes.closed_seconds),
                ("sales",) if run == 0 else (),
                sizes.closed_seconds,
                f"closed-{clients}",
            )
        if profiles:
            out.setdefault("profiles", {})[f"closed {clients}"] = profiles
        out["closed"][clients] = {
            "rate": result.rate,
            "failures": result.failures,
            "errors": sender.errors,
            **latency_summary(result.latencies),
        }
        out["cpu"][f"closed {clients}"] = window.shares
        await asyncio.sleep(1)
        with CpuWindow(ctx.sampler) as window:
            out["pgbench"][clients] = await run_pgbench(
                stack.admin_dsn, ctx.scripts[:clients], sizes.pgbench_seconds
            )
        out["cpu"][f"pgbench {clients}"] = window.shares
        await asyncio.sleep(1)
    for rate in sizes.open_rates:
        sender = SalesSender(api, sales_url, data, seed=run * 1000 + int(rate) + 7)
        watch = TopicWatch(stack.bootstrap, SALES_TRANSACTIONS.name, "sale_id")
        await watch.start()
        progress = GroupProgress(
            stack.bootstrap, NOTIFICATIONS.group(SALES_TRANSACTIONS), SALES_TRANSACTIONS.name
        )
        await progress.start()
        registrations = RegistrationsToReadModel(
            api, stack.url("registry"), stack.admin_dsn, seed=run * 7919 + int(rate)
        )
        with CpuWindow(ctx.sampler) as window:
            result, _ = await asyncio.gather(
                sender.open(rate, sizes.open_seconds),
                registrations.run(sizes.registrations_per_second, sizes.open_seconds),
            )
        await _settle(watch, progress, sender.answered)
        await watch.stop()
        await progress.stop()
        out["open"][rate] = {
            "achieved": result.achieved_rate,
            "failures": result.failures,
            "errors": sender.errors,
            **latency_summary(result.latencies),
            "send_lag": latency_summary(result.send_lag),
            "relay": latency_summary(delays(sender.answered, watch.seen)),
            "registration_to_events_read_model": latency_summary(registrations.delays()),
            "sale_to_notifications_consumed": latency_summary(
                consumed_delays(sender.answered, watch.positions, progress)
            ),
            "group_progress": {
                "samples": len(progress.history),
                "failures": progress.failures,
                "last_error": progress.last_error,
                "last": progress.history[-1][1] if progress.history else {},
                "positions": max(watch.positions.values(), default=None),
            },
        }
        out["cpu"][f"open {rate:g}/s"] = window.shares
        await asyncio.sleep(1)
    out["raw_kafka"] = latency_summary(
        await produce_to_consume(stack.bootstrap, sizes.relay_rate, sizes.relay_seconds)
    )
    rng = random.Random(run)
    batch_times, copy_times = [], []
    for b in range(sizes.batches):
        terminal = data.terminals[(run * sizes.batches + b) % len(data.terminals)]
        sales = backlog(rng, data, sizes.batch_size)
        took, profiles = await ctx.profiled(
            upload(api, sales_url, terminal["api_key"], sales),
            ("sales",) if run == 0 and b == 0 else (),
            BATCH_PROFILE_SECONDS,
            "batch",
        )
        if profiles:
            out.setdefault("profiles", {})["1,000-sale batch"] = profiles
        batch_times.append(took)
        copy_times.append(await copy_same_rows(stack.admin_dsn, [s["sale_id"] for s in sales]))
    out["batch"] = {
        "sales_per_s": sizes.batch_size * len(batch_times) / sum(batch_times),
        "copy_sales_per_s": sizes.batch_size * len(copy_times) / sum(copy_times),
    }
    out["hottest"] = {phase: _hottest(shares) for phase, shares in out["cpu"].items()}
    return out


async def once(ctx: Context) -> dict[str, Any]:
    members = ctx.data.member_ids
    with CpuWindow(ctx.sampler) as burst_window:
        burst = await registration_burst(
            ctx.api,
            ctx.stack.url("events"),
            ctx.stack.admin_dsn,
            members,
            ctx.sizes.burst_events,
            ctx.sizes.burst_capacity,
        )
    delivery = burst.pop("delivery_delays")
    await asyncio.sleep(2)
    with CpuWindow(ctx.sampler) as window:
        drained, profiles = await ctx.profiled(
            drain_rates(ctx.stack.bootstrap, ctx.sizes.backlog, ctx.sizes.drain_patience),
            ("events", "sales", "notifications"),
            min(ctx.sizes.drain_patience, 20.0),
            "drain",
        )
    return {
        "profiles": profiles,
        "consumers": drained,
        "cpu": {"consumers": window.shares, "burst": burst_window.shares},
        "burst": {**burst, "application_to_delivery": latency_summary(delivery)},
    }
