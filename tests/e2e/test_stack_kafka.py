"""`otop up --broker kafka`: the stack on a real Apache Kafka broker that keeps its data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.local.kafka import KAFKA_VERSION, kafka_available
from shared.local.ports import free_port
from tests.e2e.conftest import ROOT
from tests.e2e.test_stack_restart import member_event_survives_a_restart


def test_the_stack_on_apache_kafka_serves_and_keeps_a_topics_messages_across_a_restart(
    tmp_path: Path,
) -> None:
    missing = kafka_available()
    if missing is not None:
        pytest.skip(f"Apache Kafka cannot run here: {missing}")
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
