"""`otop up` supervises what it runs: a killed service, broker or database comes back by
itself while the rest of the stack keeps answering; only Ctrl-C stops it all."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import httpx

from devstack.servers.ports import free_port, port_in_use
from devstack.stack.supervision import Backoff
from services.topology import SERVICES, service
from tests.brokers import broker_kind, embedded_only
from tests.e2e.stack_harness import (
    admin_headers,
    free_port_offset,
    partition_counts,
    pid_listening_with,
    start_stack,
    started_pid,
    stop_stack,
    topic_holds,
    wait_for_line,
)
from tests.integration.registry.payloads import member_payload

READY = "Press Ctrl-C to stop."
STACK_START_SECONDS = 240


def test_restart_delays_double_up_to_a_ceiling_and_start_over_after_a_stable_run() -> None:
    backoff = Backoff(initial=1.0, ceiling=30.0, stable_after=60.0)
    assert [backoff.next_delay(uptime=0.5) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff.next_delay(uptime=61.0) == 1
    assert backoff.next_delay(uptime=2.0) == 2


def _url(name: str, offset: int) -> str:
    return f"http://127.0.0.1:{service(name).port + offset}"


def _register_member(offset: int, data_dir: Path, timeout: float = 60.0) -> str:
    """A new member through the registry's API (retried while the registry recovers)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            answer = httpx.post(
                f"{_url('registry', offset)}/v1/members",
                json=member_payload(),
                headers=admin_headers(data_dir),
                timeout=10,
            )
            if answer.status_code == 201:
                return str(answer.json()["member_id"])
            failure = f"{answer.status_code} {answer.text[:300]}"
        except httpx.HTTPError as error:
            failure = repr(error)
        assert time.monotonic() < deadline, f"the registry did not register a member: {failure}"
        time.sleep(0.5)


def test_a_killed_service_is_restarted_while_the_rest_keeps_answering_until_ctrl_c(
    tmp_path: Path,
) -> None:
    data_dir, log = tmp_path / "otop", tmp_path / "up.log"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    stack = start_stack(
        data_dir, pg_port, kafka_port, offset, log, demo=False, broker=broker_kind()
    )
    try:
        wait_for_line(log, READY, stack, STACK_START_SECONDS)
        killed = started_pid(log, "registry")
        os.kill(killed, signal.SIGKILL)

        others = [spec.name for spec in SERVICES if spec.name != "registry"]
        answers: dict[str, list[int]] = {name: [] for name in others}
        deadline = time.monotonic() + 60
        while "registry is back (ready)" not in log.read_text(errors="replace"):
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-4000:]
            assert stack.poll() is None, "`otop up` stopped when one service died"
            for name in others:
                answers[name].append(
                    httpx.get(f"{_url(name, offset)}/readyz", timeout=5).status_code
                )
            time.sleep(0.3)

        text = log.read_text(errors="replace")
        assert "registry exited (code -9); restarting in 1s" in text
        assert started_pid(log, "registry") != killed
        ready = httpx.get(f"{_url('registry', offset)}/readyz", timeout=5)
        assert ready.json()["status"] == "ready"
        assert all(answers[name] and set(answers[name]) == {200} for name in others), answers
        assert "stopping the stack" not in text

        # Ctrl-C while a service waits to be restarted still stops everything cleanly.
        os.kill(started_pid(log, "sales"), signal.SIGKILL)
        wait_for_line(log, "sales exited (code -9); restarting in", stack, timeout=30)
    finally:
        exit_code = stop_stack(stack)
    assert exit_code == 0, log.read_text(errors="replace")[-4000:]
    assert not port_in_use(pg_port) and not port_in_use(kafka_port)
    assert not any(port_in_use(spec.port + offset) for spec in SERVICES)


@embedded_only("only the embedded broker forgets its topics when it restarts")
def test_a_killed_embedded_broker_comes_back_with_its_topics_and_the_events_published_before(
    tmp_path: Path,
) -> None:
    data_dir, log = tmp_path / "otop", tmp_path / "up.log"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    bootstrap = f"127.0.0.1:{kafka_port}"
    stack = start_stack(data_dir, pg_port, kafka_port, offset, log, demo=False)
    try:
        wait_for_line(log, READY, stack, STACK_START_SECONDS)
        member_id = _register_member(offset, data_dir)
        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=30)
        catalogue = partition_counts(bootstrap)

        os.kill(pid_listening_with(f"tcp://{bootstrap}"), signal.SIGKILL)
        wait_for_line(log, "the embedded broker came back empty", stack, timeout=60)

        assert "retained outbox rows queued for republishing: registry " in log.read_text()
        assert partition_counts(bootstrap) == catalogue
        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=60), (
            "the member's event was not published again after the broker restarted"
        )
    finally:
        exit_code = stop_stack(stack)
    assert exit_code == 0, log.read_text(errors="replace")[-4000:]


def test_a_killed_postgresql_is_restarted_and_the_services_work_on(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "otop", tmp_path / "up.log"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    stack = start_stack(
        data_dir, pg_port, kafka_port, offset, log, demo=False, broker=broker_kind()
    )
    try:
        wait_for_line(log, READY, stack, STACK_START_SECONDS)
        postmaster = data_dir / "postgres" / "pgdata" / "postmaster.pid"
        os.kill(int(postmaster.read_text().split()[0]), signal.SIGKILL)
        wait_for_line(log, f"PostgreSQL is back on 127.0.0.1:{pg_port}", stack, timeout=90)

        member_id = _register_member(offset, data_dir)
        found = httpx.get(
            f"{_url('registry', offset)}/v1/members/{member_id}",
            headers=admin_headers(data_dir),
            timeout=10,
        )
        assert found.status_code == 200
    finally:
        exit_code = stop_stack(stack)
    assert exit_code == 0, log.read_text(errors="replace")[-4000:]


def test_a_service_that_crashes_at_start_is_retried_with_growing_delays(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "otop", tmp_path / "up.log"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    stack = start_stack(
        data_dir,
        pg_port,
        kafka_port,
        offset,
        log,
        demo=False,
        broker=broker_kind(),
        extra_env={"DELIVERY_MAX_ATTEMPTS": "0"},  # a setting only notifications refuses
    )
    try:
        wait_for_line(
            log, "notifications exited (code 1) before it was ready; restarting in 4s", stack, 120
        )
        for name in ("registry", "events", "sales"):
            wait_for_line(log, f"otop | {name} is ready", stack, timeout=90)
        text = log.read_text(errors="replace")
        delays = [
            int(seconds)
            for seconds in re.findall(
                r"notifications exited \(code 1\) before it was ready; restarting in (\d+)s", text
            )
        ]
        assert delays[:3] == [1, 2, 4] and delays == sorted(delays), delays
        starts = text.count("otop | notifications started (pid")
        assert starts in (len(delays), len(delays) + 1)
        assert READY not in text
    finally:
        exit_code = stop_stack(stack)
    assert exit_code == 130, log.read_text(errors="replace")[-4000:]
    assert not any(port_in_use(spec.port + offset) for spec in SERVICES)
