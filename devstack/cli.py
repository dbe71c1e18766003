"""The dev stack's `otop` commands, added through the `otop.commands` entry point:

up          run the one-machine stack (embedded PostgreSQL + broker, every service, the web front)
seed        load every service's demo data and the demo staff accounts through their APIs
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer

from services.cli.common import configure_logging, env


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
    from devstack.stack import Stack

    if broker not in ("embedded", "kafka"):
        raise typer.BadParameter(f"--broker is embedded or kafka, not {broker!r}")
    configure_logging()
    stack = Stack(
        data_dir,
        pg_port=pg_port,
        kafka_port=kafka_port,
        demo=demo,
        port_offset=port_offset,
        broker=broker,
    )
    raise typer.Exit(asyncio.run(stack.run()))


def seed(
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Load every service's demo data and the demo staff accounts through their APIs
    (ADMIN_TOKEN; <SERVICE>_URL, e.g. REGISTRY_URL or WEB_URL, overrides one address). Each
    loads its data once."""
    from devstack.demo import load_all_demo_data
    from services.operations.endpoints import service_urls
    from services.topology import WEB

    web_url = os.environ.get("WEB_URL", f"http://{host}:{WEB.port + port_offset}").rstrip("/")
    urls = {**service_urls(host, port_offset), WEB.name: web_url}
    asyncio.run(load_all_demo_data(urls, env("ADMIN_TOKEN"), typer.echo))


def register(app: typer.Typer) -> None:
    """Add the dev stack's commands to `otop`."""
    app.command()(up)
    app.command()(seed)
