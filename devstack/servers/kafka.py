"""A real Apache Kafka broker (KRaft, broker and controller in one process) on this machine.

Its jars come from Maven Central the first time (`kafka_jars`). The data folder is formatted
once and kept, so topics and offsets survive a restart.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fcntl
import shutil
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

from devstack.servers.kafka_jars import (
    BROKER_MAIN,
    HEAP_OPTIONS,
    JVM_OPTIONS,
    KAFKA_VERSION,
    LOG_CONFIG,
    NODE_ID,
    STORAGE_TOOL_MAIN,
    ensure_kafka_jars,
    kafka_available,
)
from devstack.servers.ports import free_port, port_in_use

__all__ = ["KAFKA_VERSION", "ApacheKafka", "kafka_available"]


def _cluster_id() -> str:
    """A Kafka Uuid in its text form (URL-safe base64, no padding), not starting with '-'."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


def _broker_answers(host: str, port: int) -> bool:
    """The broker at host:port answers a metadata request and lists itself (it has joined
    its own cluster). Only that address is used, whatever the broker advertises."""

    async def probe() -> bool:
        from aiokafka.client import AIOKafkaClient

        client = AIOKafkaClient(bootstrap_servers=f"{host}:{port}", request_timeout_ms=5000)
        try:
            await client.bootstrap()
            return bool(client.cluster.brokers())
        except Exception:
            return False
        finally:
            with contextlib.suppress(Exception):
                await client.close()

    # Its own thread and event loop, so callers may or may not be inside one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, probe()).result()


class ApacheKafka:
    def __init__(
        self,
        data_dir: Path,
        log_file: Path,
        port: int = 9092,
        host: str = "127.0.0.1",
        *,
        advertised_port: int | None = None,
    ) -> None:
        """`advertised_port` is the port clients are told to use (a proxy in front of the
        broker, say); by default the port it listens on."""
        self.data_dir = data_dir.resolve()
        self.log_file = log_file
        self.port = port
        self.host = host
        self.advertised_port = advertised_port or port
        self.logs_dir = self.data_dir / "logs"
        self.properties_file = self.data_dir / "server.properties"
        self.lock_file = self.data_dir / "broker.lock"
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: IO[str] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.advertised_port}"

    def _take_data_dir(self) -> None:
        """Hold the data folder for this broker alone: two brokers writing one folder corrupt
        its metadata log. The broker process inherits the lock, so it is held as long as
        the broker runs, even if this process ends first."""
        handle = self.lock_file.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise RuntimeError(
                f"{self.data_dir} is in use by another Kafka broker (process {holder}); "
                "stop it first or choose another folder"
            ) from None
        self._lock = handle

    def _record_holder(self, pid: int) -> None:
        assert self._lock is not None
        self._lock.seek(0)
        self._lock.truncate()
        self._lock.write(f"{pid}\n")
        self._lock.flush()

    def _release_data_dir(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _properties(self, controller_port: int) -> str:
        settings = {
            "process.roles": "broker,controller",
            "node.id": str(NODE_ID),
            "controller.quorum.voters": f"{NODE_ID}@{self.host}:{controller_port}",
            "listeners": (
                f"PLAINTEXT://{self.host}:{self.port},CONTROLLER://{self.host}:{controller_port}"
            ),
            "advertised.listeners": f"PLAINTEXT://{self.host}:{self.advertised_port}",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "log.dirs": str(self.logs_dir),
            # One node: every internal topic has one replica.
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "10",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "default.replication.factor": "1",
            "min.insync.replicas": "1",
            # Topics are created by the services with their catalogue's partition counts.
            "auto.create.topics.enable": "false",
            "num.partitions": "1",
            # A development broker: groups form at once, and short sessions are allowed.
            "group.initial.rebalance.delay.ms": "0",
            "group.min.session.timeout.ms": "1000",
            "num.network.threads": "2",
            "num.io.threads": "4",
            "num.recovery.threads.per.data.dir": "1",
        }
        return "".join(f"{key}={value}\n" for key, value in settings.items())

    def _java(self, libs: Path, main: str, *args: str) -> list[str]:
        java = shutil.which("java") or "java"
        return [
            java,
            *HEAP_OPTIONS,
            *JVM_OPTIONS,
            f"-Dlog4j2.configurationFile={LOG_CONFIG}",
            "-cp",
            str(libs / "*"),
            main,
            *args,
        ]

    def _format_storage(self, libs: Path) -> None:
        if (self.logs_dir / "meta.properties").exists():
            return
        result = subprocess.run(
            self._java(
                libs,
                STORAGE_TOOL_MAIN,
                "format",
                "--cluster-id",
                _cluster_id(),
                "--config",
                str(self.properties_file),
                "--ignore-formatted",
            ),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise RuntimeError(
                f"Kafka could not format {self.logs_dir} (exit {result.returncode}): "
                f"{output[-3000:] or 'no output'}"
            )

    def _log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def start(self, timeout: float = 120.0) -> str:
        """Start the broker (fetching its jars and formatting its folder the first time)."""
        if self._process is not None and self._process.poll() is None:
            return self.bootstrap_servers
        if port_in_use(self.port, self.host):
            raise RuntimeError(
                f"port {self.port} is taken; stop what uses it or choose another port"
            )
        missing = kafka_available()
        if missing is not None:
            raise RuntimeError(missing)
        libs = ensure_kafka_jars()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._take_data_dir()
        try:
            controller_port = free_port(self.host)
            while controller_port in (self.port, self.advertised_port):
                controller_port = free_port(self.host)
            self.properties_file.write_text(self._properties(controller_port))
            self._format_storage(libs)
            assert self._lock is not None
            with self.log_file.open("ab") as log:
                self._process = subprocess.Popen(
                    self._java(libs, BROKER_MAIN, str(self.properties_file)),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    pass_fds=(self._lock.fileno(),),
                )
            self._record_holder(self._process.pid)
            self._wait_ready(timeout)
        except Exception:
            self.stop()
            self._release_data_dir()
            raise
        return self.bootstrap_servers

    def _wait_ready(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while True:
            code = self._process.poll()
            if code is not None:
                raise RuntimeError(
                    f"Apache Kafka exited while starting (exit {code}); "
                    f"the end of {self.log_file}:\n{self._log_tail()}"
                )
            if port_in_use(self.port, self.host) and _broker_answers(self.host, self.port):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"Apache Kafka did not answer on {self.host}:{self.port} within "
                    f"{timeout:.0f}s; the end of {self.log_file}:\n{self._log_tail()}"
                )
            time.sleep(0.25)

    def stop(self, timeout: float = 20.0) -> None:
        """A controlled shutdown (SIGTERM); killed if it has not ended within `timeout`."""
        if self._process is None or self._process.poll() is not None:
            self._release_data_dir()
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self._release_data_dir()

    def kill(self) -> None:
        """SIGKILL: the broker stops at once, as in a crash."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._release_data_dir()
