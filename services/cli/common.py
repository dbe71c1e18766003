"""What every `otop` command shares: settings from the environment, plain errors instead
of tracebacks for servers that cannot be reached, and argument parsing helpers."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from datetime import datetime
from typing import Any, TypeVar

import typer

from services.topology import SERVICES, service

T = TypeVar("T")


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        typer.secho(f"{name} is not set", fg="red", err=True)
        raise typer.Exit(2)
    return value


def bootstrap() -> str:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")


def configure_logging() -> None:
    from shared.logging import configure_logging as configure

    configure(os.environ.get("LOG_LEVEL", "INFO"), os.environ.get("LOG_FORMAT", "auto"))


def aware(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO time; e.g. 2026-11-21T09:00:00+07:00"
        ) from None
    if moment.tzinfo is None:
        raise typer.BadParameter(f"{value} has no timezone; e.g. 2026-11-21T09:00:00+07:00")
    return moment


def operate(work: Coroutine[Any, Any, T]) -> T:
    """Run an operator command's work; a broker or database that cannot be reached ends
    it with a plain message (exit 1) instead of a traceback."""
    from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError
    from asyncpg import PostgresConnectionError

    try:
        return asyncio.run(work)
    except (KafkaConnectionError, KafkaTimeoutError) as exc:
        typer.secho(
            f"cannot reach the broker at {bootstrap()} (KAFKA_BOOTSTRAP_SERVERS): {exc}",
            fg="red",
            err=True,
        )
    except (PostgresConnectionError, OSError) as exc:
        typer.secho(f"cannot reach the database (DATABASE_URL): {exc}", fg="red", err=True)
    raise typer.Exit(1)


def service_names(names: list[str] | None) -> list[str]:
    try:
        return [service(n).name for n in names] if names else [s.name for s in SERVICES]
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0])) from None
