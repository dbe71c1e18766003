"""What a container runs: one service process, the database's roles, schemas and
migrations, and the broker's topics."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from services.cli.common import bootstrap, configure_logging, env
from services.topology import DEPLOYABLES, service


def serve(
    name: Annotated[str, typer.Argument(help="registry, events, sales, notifications or web")],
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
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=10,
    )


def migrate(
    names: Annotated[list[str] | None, typer.Argument(help="Default: every service")] = None,
) -> None:
    """As an administrator (DATABASE_URL): create each service's role (password from
    <SERVICE>_DB_PASSWORD) and schema, then apply its migrations as that role."""
    from shared.db.provision import provision_service

    configure_logging()
    admin_dsn = env("DATABASE_URL")
    specs = [service(n) for n in names] if names else list(DEPLOYABLES)

    async def run() -> None:
        for spec in specs:
            password = env(spec.password_env)
            done = await provision_service(admin_dsn, spec.name, spec.migrations, password)
            typer.echo(f"{spec.name}: {len(done.applied)} migration(s) applied")

    asyncio.run(run())


def topics(
    partitions: Annotated[int, typer.Option(envvar="KAFKA_TOPIC_PARTITIONS")] = 6,
    replication_factor: Annotated[int, typer.Option(envvar="KAFKA_REPLICATION_FACTOR")] = 1,
) -> None:
    """Create every topic of the catalogue and its .dlq, then check that each has the
    catalogue's partition count (a topic with another count is an error: exit 1)."""
    from shared.messaging.topics import TopicMismatch, all_topic_names, ensure_topics

    try:
        created = asyncio.run(
            ensure_topics(
                bootstrap(),
                all_topic_names(),
                partitions=partitions,
                replication_factor=replication_factor,
            )
        )
    except TopicMismatch as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{len(created)} topic(s) created" + (f": {', '.join(created)}" if created else ""))
    typer.echo(f"every topic has {partitions} partition(s)")
