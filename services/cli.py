"""`otop`: the operator's command line for the platform.

up          run the one-machine stack (embedded PostgreSQL + broker, every service)
serve       run one service process (what a container runs)
migrate     create service roles and schemas, apply migrations
topics      create every topic (and its .dlq) idempotently
seed        load the demo data through the registry's API
outbox      inspect a service's outbox; republish from a point in time
dlq         list and re-drive dead letters
asyncapi    write or check the AsyncAPI document
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from services.topology import SERVICES, service

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
outbox_app = typer.Typer(help="The transactional outbox of a service.", no_args_is_help=True)
dlq_app = typer.Typer(help="Dead-letter topics (<topic>.dlq).", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
app.add_typer(dlq_app, name="dlq")


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        typer.secho(f"{name} is not set", fg="red", err=True)
        raise typer.Exit(2)
    return value


def _bootstrap() -> str:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")


def _configure_logging() -> None:
    from shared.logging import configure_logging

    configure_logging(os.environ.get("LOG_LEVEL", "INFO"), os.environ.get("LOG_FORMAT", "auto"))


def _aware(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO time; e.g. 2026-11-21T09:00:00+07:00"
        ) from None
    if moment.tzinfo is None:
        raise typer.BadParameter(f"{value} has no timezone; e.g. 2026-11-21T09:00:00+07:00")
    return moment


@app.command()
def up(
    demo: Annotated[bool, typer.Option(help="Load the demo data once everything runs.")] = False,
    data_dir: Annotated[Path, typer.Option(envvar="OTOP_DATA_DIR")] = Path(".otop"),
    pg_port: Annotated[int, typer.Option(envvar="OTOP_PG_PORT")] = 5432,
    kafka_port: Annotated[int, typer.Option(envvar="OTOP_KAFKA_PORT")] = 9092,
    port_offset: Annotated[
        int, typer.Option(envvar="OTOP_PORT_OFFSET", help="Added to every service's port.")
    ] = 0,
    broker: Annotated[
        str,
        typer.Option(
            envvar="OTOP_BROKER",
            help="embedded (Tansu, memory only) or kafka (Apache Kafka from Maven Central jars, "
            "data kept; needs Java 17+ and Maven). Ignored when KAFKA_BOOTSTRAP_SERVERS is set.",
        ),
    ] = "embedded",
) -> None:
    """Run everything on this machine until Ctrl-C."""
    from services.stack import Stack

    if broker not in ("embedded", "kafka"):
        raise typer.BadParameter(f"--broker is embedded or kafka, not {broker!r}")
    _configure_logging()
    stack = Stack(
        data_dir,
        pg_port=pg_port,
        kafka_port=kafka_port,
        demo=demo,
        port_offset=port_offset,
        broker=broker,
    )
    raise typer.Exit(asyncio.run(stack.run()))


@app.command()
def serve(
    name: Annotated[str, typer.Argument(help="registry")],
    host: str = "0.0.0.0",
    port: Annotated[int | None, typer.Option(help="Default: the service's own port")] = None,
) -> None:
    """Run one service (settings from the environment: DATABASE_URL, ADMIN_TOKEN, KAFKA_*)."""
    import uvicorn

    spec = service(name)
    uvicorn.run(
        spec.app_factory,
        factory=True,
        host=host,
        port=port or spec.port,
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=10,
    )


@app.command()
def migrate(
    names: Annotated[list[str] | None, typer.Argument(help="Default: every service")] = None,
) -> None:
    """As an administrator (DATABASE_URL): create each service's role (password from
    <SERVICE>_DB_PASSWORD) and schema, then apply its migrations as that role."""
    import asyncpg

    from shared.db.migrations import apply_migrations, service_migrations
    from shared.db.roles import dsn_for_role, provision_service_role

    _configure_logging()
    admin_dsn = _env("DATABASE_URL")
    specs = [service(n) for n in names] if names else list(SERVICES)

    async def run() -> None:
        for spec in specs:
            password = _env(spec.password_env)
            admin = await asyncpg.connect(admin_dsn)
            try:
                await provision_service_role(admin, spec.name, password)
            finally:
                await admin.close()
            conn = await asyncpg.connect(dsn_for_role(admin_dsn, spec.name, password))
            try:
                applied = await apply_migrations(
                    conn, spec.name, service_migrations(spec.migrations)
                )
            finally:
                await conn.close()
            typer.echo(f"{spec.name}: {len(applied)} migration(s) applied")

    asyncio.run(run())


@app.command()
def topics(
    partitions: Annotated[int, typer.Option(envvar="KAFKA_TOPIC_PARTITIONS")] = 6,
    replication_factor: Annotated[int, typer.Option(envvar="KAFKA_REPLICATION_FACTOR")] = 1,
) -> None:
    """Create every topic of the catalogue and its .dlq (existing ones are left alone)."""
    from shared.messaging.topics import all_topic_names, ensure_topics

    created = asyncio.run(
        ensure_topics(
            _bootstrap(),
            all_topic_names(),
            partitions=partitions,
            replication_factor=replication_factor,
        )
    )
    typer.echo(f"{len(created)} topic(s) created" + (f": {', '.join(created)}" if created else ""))


@app.command()
def seed(
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Load every service's demo data through its API (ADMIN_TOKEN; <SERVICE>_URL, e.g.
    REGISTRY_URL, overrides one service's address). Each service loads its data once."""
    from services.demo import load_all_demo_data

    urls = {
        spec.name: os.environ.get(
            f"{spec.name.upper()}_URL", f"http://{host}:{spec.port + port_offset}"
        )
        for spec in SERVICES
    }
    asyncio.run(load_all_demo_data(urls, _env("ADMIN_TOKEN"), typer.echo))


async def _service_conn(name: str):  # type: ignore[no-untyped-def]
    from shared.db.pool import connect

    return await connect(_env("DATABASE_URL"), schema=service(name).name)


@outbox_app.command("status")
def outbox_status(name: str) -> None:
    """Rows pending, published, and the oldest pending, for one service."""

    async def run() -> None:
        conn = await _service_conn(name)
        try:
            row = await conn.fetchrow(
                """SELECT count(*) FILTER (WHERE state = 'pending') AS pending,
                          count(*) FILTER (WHERE state = 'published') AS published,
                          min(created_at) FILTER (WHERE state = 'pending') AS oldest_pending,
                          max(published_at) AS last_published
                   FROM outbox"""
            )
        finally:
            await conn.close()
        typer.echo(json.dumps({k: str(v) if v is not None else None for k, v in row.items()}))

    asyncio.run(run())


@outbox_app.command("republish")
def outbox_republish(
    name: str,
    since: Annotated[str, typer.Option(help="Aware ISO time, e.g. 2026-11-21T09:00:00+07:00")],
    until: Annotated[str | None, typer.Option()] = None,
    topic: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Send again the events a service stored since a point in time (e.g. after the broker
    lost data). The running relay publishes them; consumers ignore what they already saw."""
    from shared.messaging.relay import mark_for_republish

    async def run() -> int:
        conn = await _service_conn(name)
        try:
            return await mark_for_republish(
                conn, service(name).name, _aware(since), _aware(until) if until else None, topic
            )
        finally:
            await conn.close()

    count = asyncio.run(run())
    typer.echo(f"{count} event(s) queued for republishing")


@dlq_app.command("list")
def dlq_list(
    topic: Annotated[str, typer.Argument(help="The original topic, e.g. registry.members.v1")],
    limit: int = 100,
) -> None:
    """Dead letters of a topic, oldest first, one JSON object a line."""
    from shared.messaging.dead_letters import list_dead_letters

    for letter in asyncio.run(list_dead_letters(_bootstrap(), topic, limit)):
        typer.echo(
            json.dumps(
                {
                    "offset": letter.offset,
                    "partition": letter.partition,
                    "event_id": letter.event_id,
                    "event_type": letter.event_type,
                    "consumer": letter.consumer,
                    "failed_at": letter.failed_at,
                    "error": letter.error,
                },
                ensure_ascii=False,
            )
        )


@dlq_app.command("redrive")
def dlq_redrive(
    topic: Annotated[str, typer.Argument(help="The original topic")],
    event_id: Annotated[str | None, typer.Option(help="Only this event")] = None,
    limit: int = 1000,
) -> None:
    """Send dead letters back to their topic for the consumers to try again."""
    from shared.messaging.dead_letters import redrive

    try:
        only = uuid.UUID(event_id) if event_id else None
    except ValueError:
        raise typer.BadParameter(f"{event_id!r} is not an event id (a UUID)") from None
    sent = asyncio.run(redrive(_bootstrap(), topic, event_id=only, limit=limit))
    typer.echo(f"{sent} message(s) re-driven to {topic}")


@app.command()
def asyncapi(
    check: Annotated[bool, typer.Option(help="Fail if docs/asyncapi.json is out of date")] = False,
) -> None:
    """Write docs/asyncapi.json from the contracts in code (or check it is current)."""
    from shared.asyncapi import DOCUMENT, render, write

    if check:
        current = DOCUMENT.read_text("utf-8") if DOCUMENT.exists() else ""
        if current != render():
            typer.secho(
                "docs/asyncapi.json is out of date: run `otop asyncapi`", fg="red", err=True
            )
            raise typer.Exit(1)
        typer.echo("docs/asyncapi.json is current")
        return
    typer.echo(f"wrote {write()}")


def main() -> None:
    app(prog_name="otop")


if __name__ == "__main__":
    sys.exit(main())
