"""The real servers the tests use: testcontainers where a Docker engine is reachable, the
embedded PostgreSQL and Kafka-protocol broker otherwise, or servers named in the environment
(TEST_DATABASE_URL, TEST_KAFKA_BOOTSTRAP_SERVERS)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Servers:
    admin_dsn: str
    bootstrap_servers: str
    kind: str


def docker_reachable() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@contextmanager
def _containers() -> Iterator[Servers]:
    from testcontainers.kafka import KafkaContainer
    from testcontainers.postgres import PostgresContainer

    with (
        PostgresContainer("postgres:17.6", dbname="otop", driver=None) as pg,
        KafkaContainer("confluentinc/cp-kafka:7.9.2").with_kraft() as kafka,
    ):
        yield Servers(pg.get_connection_url(), kafka.get_bootstrap_server(), "testcontainers")


@contextmanager
def _embedded() -> Iterator[Servers]:
    from shared.local.broker import EmbeddedBroker
    from shared.local.ports import free_port
    from shared.local.postgres import EmbeddedPostgres

    with tempfile.TemporaryDirectory(prefix="otop-test-") as tmp:
        postgres = EmbeddedPostgres(Path(tmp) / "postgres", port=free_port())
        broker = EmbeddedBroker(Path(tmp) / "broker.log", port=free_port())
        try:
            dsn = postgres.start()
            bootstrap = broker.start()
            yield Servers(dsn, bootstrap, "embedded")
        finally:
            broker.stop()
            postgres.stop()


@contextmanager
def real_servers() -> Iterator[Servers]:
    dsn = os.environ.get("TEST_DATABASE_URL")
    bootstrap = os.environ.get("TEST_KAFKA_BOOTSTRAP_SERVERS")
    if dsn and bootstrap:
        yield Servers(dsn, bootstrap, "environment")
    elif docker_reachable():
        with _containers() as servers:
            yield servers
    else:
        with _embedded() as servers:
            yield servers
