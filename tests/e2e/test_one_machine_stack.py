"""`otop up --demo` on this machine: embedded servers, every service, demo data, clean stop."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from devstack.demo import LOADERS as DEMO_LOADERS
from devstack.servers.ports import free_port, port_in_use
from services.topology import SERVICES, service
from tests.brokers import broker_kind
from tests.e2e.stack_harness import (
    free_port_offset,
    start_stack,
    stop_stack,
    wait_for_line,
)


def test_stack_runs_every_service_with_demo_data_and_keeps_data_across_restarts(tmp_path: Path):
    data_dir = tmp_path / "otop"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    registry = f"http://127.0.0.1:{SERVICES[0].port + offset}"
    log = tmp_path / "up.log"
    process = start_stack(data_dir, pg_port, kafka_port, offset, log, broker=broker_kind())
    try:
        wait_for_line(log, "Press Ctrl-C to stop.", process, timeout=240)
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
        for name, _ in DEMO_LOADERS:
            assert f"demo data loaded into {name}" in log_text
    finally:
        exit_code = stop_stack(process)
    assert exit_code == 0, log.read_text()[-4000:]
    assert not port_in_use(pg_port) and not port_in_use(kafka_port)
    assert not any(port_in_use(s.port + offset) for s in SERVICES)

    again = start_stack(
        data_dir, pg_port, kafka_port, offset, tmp_path / "again.log", broker=broker_kind()
    )
    try:
        wait_for_line(tmp_path / "again.log", "Press Ctrl-C to stop.", again, timeout=240)
        after_restart = httpx.get(
            f"{registry}/v1/members?limit=200", headers=headers, timeout=10
        ).json()["items"]
        assert sorted(m["member_id"] for m in after_restart) == sorted(
            m["member_id"] for m in members
        )
    finally:
        assert stop_stack(again) == 0
