"""A stopped and restarted `otop up` keeps the recent history on its topics: the embedded
broker starts empty and the stack republishes the outboxes' retained rows to it."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from devstack.servers.ports import free_port
from services.topology import service
from tests.brokers import embedded_only
from tests.e2e.stack_harness import (
    admin_headers,
    free_port_offset,
    start_stack,
    stop_stack,
    topic_holds,
    wait_for_line,
)
from tests.integration.registry.payloads import member_payload

READY = "Press Ctrl-C to stop."
STACK_START_SECONDS = 240


def register_member(offset: int, data_dir: Path) -> str:
    answer = httpx.post(
        f"http://127.0.0.1:{service('registry').port + offset}/v1/members",
        json=member_payload(),
        headers=admin_headers(data_dir),
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["member_id"])


def member_event_survives_a_restart(tmp_path: Path, broker: str) -> str:
    """Register a member, see its event on the topic, restart the stack and look again;
    returns the second run's log."""
    data_dir = tmp_path / "otop"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    bootstrap = f"127.0.0.1:{kafka_port}"
    first, log = tmp_path / "first.log", tmp_path / "again.log"

    stack = start_stack(data_dir, pg_port, kafka_port, offset, first, demo=False, broker=broker)
    try:
        wait_for_line(first, READY, stack, STACK_START_SECONDS)
        member_id = register_member(offset, data_dir)
        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=30)
    finally:
        assert stop_stack(stack) == 0, first.read_text(errors="replace")[-4000:]

    again = start_stack(data_dir, pg_port, kafka_port, offset, log, demo=False, broker=broker)
    try:
        wait_for_line(log, READY, again, STACK_START_SECONDS)
        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=60), (
            "the member's event is not on its topic after the restart"
        )
    finally:
        assert stop_stack(again) == 0, log.read_text(errors="replace")[-4000:]
    return log.read_text(errors="replace")


@embedded_only("only the embedded broker starts empty")
def test_a_restarted_stack_republishes_the_retained_events_to_its_empty_embedded_broker(
    tmp_path: Path,
) -> None:
    text = member_event_survives_a_restart(tmp_path, "embedded")
    assert "embedded Tansu broker (memory only: topics start empty)" in text
    queued = re.search(r"retained outbox rows queued for republishing: registry (\d+)", text)
    assert queued and int(queued.group(1)) >= 1, text[-4000:]
