"""Running `otop up` in a test as a person would, and reading what the running stack shows."""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from devstack.servers.ports import port_in_use
from services.topology import DEPLOYABLES
from tests.e2e.conftest import ROOT


def wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            raise AssertionError(f"`otop up` exited:\n{log.read_text()[-4000:]}")
        time.sleep(0.3)
    raise AssertionError(f"no {text!r} within {timeout}s:\n{log.read_text()[-4000:]}")


def _ephemeral_ports() -> range:
    """Ports the kernel gives outgoing connections; a listener there can collide with one."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return range(int(low), int(high) + 1)
    except (OSError, ValueError):
        return range(32768, 61000)


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_offset() -> int:
    """An offset that puts every service and the web front on a free port below the ephemeral
    range, so no outgoing connection of the stack's own processes can hold one of them
    meanwhile (and the user's own stack may be up on the default ports)."""
    ports = [spec.port for spec in DEPLOYABLES]
    ceiling = min(_ephemeral_ports().start, 65536) - (max(ports) - min(ports)) - 1
    for _ in range(200):
        base = random.randrange(10000, ceiling)
        offset = base - min(ports)
        if all(_bindable(port + offset) and not port_in_use(port + offset) for port in ports):
            return offset
    raise AssertionError("no free ports for the services")


def start_stack(
    data_dir: Path,
    pg_port: int,
    kafka_port: int,
    offset: int,
    log: Path,
    *,
    demo: bool = True,
    broker: str = "embedded",
    extra_env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """`otop up` in its own process, its output in `log`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "ADMIN_TOKEN")
    } | (extra_env or {})
    with log.open("wb") as output:  # the child keeps its own copy
        return _popen_stack(
            [
                "--demo" if demo else "--no-demo",
                "--broker",
                broker,
                "--data-dir",
                str(data_dir),
                "--pg-port",
                str(pg_port),
                "--kafka-port",
                str(kafka_port),
                "--port-offset",
                str(offset),
            ],
            env,
            output,
        )


def _popen_stack(
    args: list[str], env: dict[str, str], output: IO[bytes]
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "services", "up", *args],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )


def stop_stack(process: subprocess.Popen[bytes]) -> int:
    """Ctrl-C, as a person would; the exit code."""
    process.send_signal(signal.SIGINT)
    return process.wait(60)


def admin_token(data_dir: Path) -> str:
    """The admin token the stack made (and keeps) in its data folder."""
    return json.loads((data_dir / "secrets.json").read_text())["admin_token"]


def admin_headers(data_dir: Path) -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token(data_dir)}"}


def started_pid(log: Path, name: str) -> int:
    """The pid of the latest process `otop up` started for a service (from its log)."""
    found = re.findall(rf"otop \| {name} started \(pid (\d+)\)", log.read_text(errors="replace"))
    assert found, f"no start of {name} in the log"
    return int(found[-1])


def pid_listening_with(argument: str) -> int:
    """The process whose command line holds `argument` (e.g. the broker's listener URL)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argument.encode() in words:
            return int(entry.name)
    raise AssertionError(f"no process runs with {argument}")


def topic_holds(bootstrap: str, topic: str, text: str, timeout: float) -> bool:
    """Whether a record containing `text` can be read from `topic`, from its beginning,
    within `timeout` seconds (records arriving meanwhile count)."""
    from aiokafka import AIOKafkaConsumer

    from shared.messaging.reading import topic_partitions

    async def search() -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
        )
        await consumer.start()
        try:
            partitions = await topic_partitions(consumer, topic)
            assert partitions, f"{topic} does not exist"
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            while loop.time() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    if any(text.encode() in (record.value or b"") for record in records):
                        return True
            return False
        finally:
            await consumer.stop()

    return asyncio.run(search())


def partition_counts(bootstrap: str) -> dict[str, int]:
    from aiokafka.admin import AIOKafkaAdminClient

    async def describe() -> dict[str, int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            return {t["topic"]: len(t["partitions"]) for t in await admin.describe_topics()}
        finally:
            await admin.close()

    return asyncio.run(describe())
