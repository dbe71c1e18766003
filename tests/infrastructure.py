"""The real servers the tests use.

PostgreSQL: a testcontainer where a Docker engine is reachable, the embedded server otherwise.
The broker is chosen by `OTOP_TEST_BROKER` (see tests/brokers.py): the embedded Tansu broker,
or Apache Kafka (a testcontainer with Docker, the jars from Maven Central without). Servers
named in the environment (TEST_DATABASE_URL, TEST_KAFKA_BOOTSTRAP_SERVERS) are used as they
are, taken to be of the kind `OTOP_TEST_BROKER` says.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.brokers import BrokerKind, broker_kind


@dataclass(frozen=True)
class Servers:
    admin_dsn: str
    bootstrap_servers: str
    kind: BrokerKind
    origin: str = "local"  # local | testcontainers | environment


def docker_reachable() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@contextmanager
def _postgres(folder: Path, docker: bool) -> Iterator[str]:
    if docker:
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:17.6", dbname="otop", driver=None) as pg:
            yield pg.get_connection_url()
        return
    from devstack.servers.ports import free_port
    from devstack.servers.postgres import EmbeddedPostgres

    postgres = EmbeddedPostgres(folder / "postgres", port=free_port())
    try:
        yield postgres.start()
    finally:
        postgres.stop()


@contextmanager
def _broker(folder: Path, kind: BrokerKind, docker: bool) -> Iterator[str]:
    from devstack.servers.ports import free_port

    if kind == "embedded":
        from devstack.servers.broker import EmbeddedBroker

        embedded = EmbeddedBroker(folder / "broker.log", port=free_port())
        try:
            yield embedded.start()
        finally:
            embedded.stop()
    elif docker:
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer("confluentinc/cp-kafka:7.9.2").with_kraft() as container:
            yield container.get_bootstrap_server()
    else:
        from devstack.servers.kafka import ApacheKafka, kafka_available

        missing = kafka_available()
        if missing is not None:
            raise RuntimeError(f"OTOP_TEST_BROKER=kafka, but {missing}")
        kafka = ApacheKafka(folder / "kafka", folder / "kafka.log", port=free_port())
        try:
            yield kafka.start()
        finally:
            kafka.stop()


@contextmanager
def real_servers() -> Iterator[Servers]:
    kind = broker_kind()
    dsn = os.environ.get("TEST_DATABASE_URL")
    bootstrap = os.environ.get("TEST_KAFKA_BOOTSTRAP_SERVERS")
    if dsn and bootstrap:
        yield Servers(dsn, bootstrap, kind, "environment")
        return
    docker = docker_reachable()
    with tempfile.TemporaryDirectory(prefix="otop-test-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        dsn = stack.enter_context(_postgres(folder, docker))
        bootstrap = stack.enter_context(_broker(folder, kind, docker))
        yield Servers(dsn, bootstrap, kind, "testcontainers" if docker else "local")
