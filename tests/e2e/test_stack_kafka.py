"""`otop up --broker kafka`: the stack on a real Apache Kafka broker that keeps its data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.servers.kafka import KAFKA_VERSION, kafka_available
from devstack.servers.ports import free_port
from tests.brokers import kafka_only
from tests.e2e.conftest import ROOT
from tests.e2e.stack_harness import (
    free_port_offset,
    pid_listening_with,
    start_stack,
    stop_stack,
    topic_holds,
    wait_for_line,
)
from tests.e2e.test_stack_restart import member_event_survives_a_restart, register_member


def _skip_without_kafka() -> None:
    missing = kafka_available()
    if missing is not None:
        pytest.skip(f"Apache Kafka cannot run here: {missing}")


@kafka_only("starts its own Apache Kafka stack; the Apache Kafka pass runs it")
def test_the_stack_on_apache_kafka_serves_and_keeps_a_topics_messages_across_a_restart(
    tmp_path: Path,
) -> None:
    _skip_without_kafka()
    text = member_event_survives_a_restart(tmp_path, "kafka")
    assert f"Apache Kafka {KAFKA_VERSION} (data kept in" in text
    assert "republishing" not in text, "Apache Kafka keeps its data; nothing is republished"


def test_asking_for_apache_kafka_without_java_or_maven_fails_saying_what_is_missing(
    tmp_path: Path,
) -> None:
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS")
        },
        "PATH": str(tmp_path),  # neither java nor mvn on it
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "services",
            "up",
            "--broker",
            "kafka",
            "--data-dir",
            str(tmp_path / "otop"),
            "--pg-port",
            str(free_port()),
            "--kafka-port",
            str(free_port()),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot run Apache Kafka here" in result.stdout
    assert "PostgreSQL" not in result.stdout, "nothing is started when the broker cannot run"


@kafka_only("starts its own Apache Kafka stack; the Apache Kafka pass runs it")
def test_a_killed_apache_kafka_is_restarted_with_its_data_and_nothing_republished(
    tmp_path: Path,
) -> None:
    _skip_without_kafka()
    data_dir, log = tmp_path / "otop", tmp_path / "up.log"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    bootstrap = f"127.0.0.1:{kafka_port}"
    stack = start_stack(data_dir, pg_port, kafka_port, offset, log, demo=False, broker="kafka")
    try:
        wait_for_line(log, "Press Ctrl-C to stop.", stack, timeout=240)
        member_id = register_member(offset, data_dir)
        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=30)

        properties = str(data_dir / "kafka" / "server.properties")
        os.kill(pid_listening_with(properties), signal.SIGKILL)
        wait_for_line(log, f"Apache Kafka is back on {bootstrap}", stack, timeout=120)

        assert topic_holds(bootstrap, "registry.members.v1", member_id, timeout=30)
        assert "republishing" not in log.read_text(errors="replace")
    finally:
        exit_code = stop_stack(stack)
    assert exit_code == 0, log.read_text(errors="replace")[-4000:]
