"""python -m bench [--broker kafka] [--quick] [--runs N] [--json PATH] [--profile]"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console

from bench import figures as f
from bench.client import Api
from bench.config import FULL, QUICK, Sizes
from bench.data import load_registry, open_terminals, stock_the_shop, wait_for_read_models
from bench.pgbench import capture_scripts
from bench.phases import Context, once, one_run
from bench.processes import Sampler
from bench.report import collect_profiles, document, print_profiles, print_table, write_document
from bench.stack import RunningStack, listening_processes, running_stack
from services.topology import DEPLOYABLES

RESULTS = Path(__file__).parent / "results"
console = Console(width=200)


def say(text: str) -> None:
    console.print(f"[dim]{datetime.now():%H:%M:%S}[/dim] {text}")


async def measure(stack: RunningStack, sizes: Sizes, profiles: Path | None) -> dict[str, Any]:
    api = Api(stack.admin_token)
    sampler = Sampler(listening_processes(stack.listeners()))
    sampler.start()
    try:
        say(f"loading {sizes.members} members with {sizes.products_each} products each…")
        started = time.perf_counter()
        data = await load_registry(api, stack.url("registry"), sizes.members, sizes.products_each)
        waited = await wait_for_read_models(api, stack.urls, data)
        await stock_the_shop(api, stack.url("sales"), data)
        await open_terminals(api, stack.url("sales"), sizes.terminals, data)
        say(f"data loaded in {time.perf_counter() - started:.0f}s ({waited})")
        scripts = await capture_scripts(
            api,
            stack.url("sales"),
            stack.admin_dsn,
            stack.postgres_log,
            data,
            max(sizes.closed_clients),
            seed=99,
        )
        say(f"captured one sale's statements: {scripts[0].count(';')} statements")
        ctx = Context(api, stack, data, sizes, sampler, scripts, profiles)
        runs = []
        for run in range(sizes.runs):
            say(f"run {run + 1} of {sizes.runs}…")
            runs.append(await one_run(ctx, run))
        say(f"the registration burst, then draining a {sizes.backlog:,}-event backlog…")
        once_result = await once(ctx)
    finally:
        await sampler.stop()
        await api.close()
    return {
        "runs": runs,
        "once": once_result,
        "peak_rss": sampler.peak_rss,
        "pgbench_script": scripts[0] if "scripts" in locals() else "",
    }


def context(args: argparse.Namespace, sizes: Sizes) -> dict[str, Any]:
    return {
        "started": datetime.now(UTC).isoformat(),
        "broker": args.broker,
        "quick": args.quick,
        "sizes": sizes.__dict__,
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--broker", choices=["embedded", "kafka"], default="embedded")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run")
    parser.add_argument("--json", type=Path, help="also write the JSON document here")
    parser.add_argument("--runs", type=int, help="runs to take the median of (3; 1 quick)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the sales process (first closed loop) and the consumers (backlog) "
        "with py-spy; folded stacks and a summary beside the JSON",
    )
    args = parser.parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    profiles = RESULTS / f"{stamp}-{args.broker}-profiles" if args.profile else None
    if profiles is not None:
        profiles.mkdir(parents=True, exist_ok=True)
    sizes = QUICK if args.quick else FULL
    if args.runs:
        sizes = replace(sizes, runs=args.runs)
    about = context(args, sizes)
    say(f"starting the stack ({args.broker} broker)…")
    with running_stack(args.broker) as stack:
        import uvloop

        measured = uvloop.run(measure(stack, sizes, profiles))
    runs, once_result = measured["runs"], measured["once"]
    figures = [
        *f.ingest_figures(runs, sizes.closed_clients),
        *f.open_loop_figures(runs, sizes.open_rates),
        *f.batch_figures(runs),
        *f.relay_and_e2e_figures(runs, sizes.open_rates),
        *f.once_figures(once_result, sizes.burst_events),
        *f.memory_figures(measured["peak_rss"], {s.name for s in DEPLOYABLES}),
        *f.cpu_figures(runs),
    ]
    title = (
        f"OTOP benchmark — {args.broker} broker, {about['machine']['cpus']} cores, "
        f"median of {sizes.runs} run(s){' (quick)' if args.quick else ''}"
    )
    print_table(figures, title, console)
    print_profiles(collect_profiles(measured), console)
    text = document(figures, about, measured)
    paths = [RESULTS / f"{stamp}-{args.broker}.json", *([args.json] if args.json else [])]
    write_document(text, *paths)
    say("written: " + ", ".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
