"""`otop up --demo` on this machine: embedded servers, every service, demo data, clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from services.topology import SERVICES, service
from shared.local.ports import free_port, port_in_use
from tests.e2e.conftest import ROOT


def _wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            raise AssertionError(f"`otop up` exited:\n{log.read_text()[-4000:]}")
        time.sleep(0.3)
    raise AssertionError(f"no {text!r} within {timeout}s:\n{log.read_text()[-4000:]}")


def _free_port_offset() -> int:
    """An offset that puts every service on a free port (the user's own stack may be up)."""
    for _ in range(50):
        offset = free_port() - SERVICES[0].port
        if all(not port_in_use(s.port + offset) for s in SERVICES):
            return offset
    raise AssertionError("no free ports for the services")


def _start(
    data_dir: Path, pg_port: int, kafka_port: int, offset: int, log: Path
) -> subprocess.Popen[bytes]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "ADMIN_TOKEN")
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "services",
            "up",
            "--demo",
            "--data-dir",
            str(data_dir),
            "--pg-port",
            str(pg_port),
            "--kafka-port",
            str(kafka_port),
            "--port-offset",
            str(offset),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(60)


def test_stack_runs_every_service_with_demo_data_and_keeps_data_across_restarts(tmp_path: Path):
    data_dir = tmp_path / "otop"
    pg_port, kafka_port, offset = free_port(), free_port(), _free_port_offset()
    registry = f"http://127.0.0.1:{SERVICES[0].port + offset}"
    log = tmp_path / "up.log"
    process = _start(data_dir, pg_port, kafka_port, offset, log)
    try:
        _wait_for_line(log, "Press Ctrl-C to stop.", process, timeout=240)
        token = json.loads((data_dir / "secrets.json").read_text())["admin_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for spec in SERVICES:
            ready = httpx.get(f"http://127.0.0.1:{spec.port + offset}/readyz", timeout=5)
            assert ready.json()["status"] == "ready"
        members = httpx.get(f"{registry}/v1/members?limit=200", headers=headers, timeout=10).json()[
            "items"
        ]
        assert {m["site"]["province_code"] for m in members} >= {"90", "40", "49"}
        events_url = f"http://127.0.0.1:{service('events').port + offset}"
        calendar = httpx.get(
            f"{events_url}/v1/events?limit=100", headers=headers, timeout=10
        ).json()["items"]
        assert {e["host_province_code"] for e in calendar} >= {"40", "49"}
        assert {e["kind"] for e in calendar} >= {"showcase", "training"}
        log_text = log.read_text(errors="replace")
        for spec in SERVICES:
            if spec.demo_loader is not None:
                assert f"demo data loaded into {spec.name}" in log_text
    finally:
        exit_code = _stop(process)
    assert exit_code == 0, log.read_text()[-4000:]
    assert not port_in_use(pg_port) and not port_in_use(kafka_port)
    assert not any(port_in_use(s.port + offset) for s in SERVICES)

    again = _start(data_dir, pg_port, kafka_port, offset, tmp_path / "again.log")
    try:
        _wait_for_line(tmp_path / "again.log", "Press Ctrl-C to stop.", again, timeout=240)
        after_restart = httpx.get(
            f"{registry}/v1/members?limit=200", headers=headers, timeout=10
        ).json()["items"]
        assert sorted(m["member_id"] for m in after_restart) == sorted(
            m["member_id"] for m in members
        )
    finally:
        assert _stop(again) == 0
