"""`otop outbox`: the services' transactional outboxes: their backlog, and republishing
from a point in time."""

from __future__ import annotations

from typing import Annotated

import typer

from services.cli.common import aware, env, operate, service_names

outbox_app = typer.Typer(help="The services' transactional outboxes.", no_args_is_help=True)


@outbox_app.command("status")
def outbox_status(
    names: Annotated[list[str] | None, typer.Argument(help="Default: every service")] = None,
) -> None:
    """Rows pending and published, the oldest pending and the last published, one JSON
    object a line per service (DATABASE_URL: the administrator's DSN, or a service's own)."""
    from services.operations.outbox import outbox_status as read_status
    from services.operations.output import json_line

    for found in operate(read_status(env("DATABASE_URL"), service_names(names))):
        typer.echo(json_line(found.as_dict()))


@outbox_app.command("republish")
def outbox_republish(
    name: Annotated[str | None, typer.Argument(help="A service; default: every service")] = None,
    since: Annotated[
        str, typer.Option(help="Aware ISO time, e.g. 2026-11-21T09:00:00+07:00")
    ] = ...,  # type: ignore[assignment]
    until: Annotated[str | None, typer.Option(help="Aware ISO time (excluded)")] = None,
    topic: Annotated[str | None, typer.Option(help="Only events of this topic")] = None,
    every_service: Annotated[
        bool, typer.Option("--all", help="Every service (the default without SERVICE)")
    ] = False,
    wait: Annotated[
        bool, typer.Option(help="Wait, with a progress bar, until the relays sent them all")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds --wait waits at most")] = 300.0,
) -> None:
    """Send again the events stored since a point in time (e.g. after the broker lost its
    data), for one service or all. The services' running relays publish them; consumers
    ignore what they already processed (DATABASE_URL: the administrator's DSN)."""
    from services.operations.outbox import republish, wait_until_published
    from services.operations.progress import progress_bar

    if name and every_service:
        raise typer.BadParameter("name a service or give --all, not both")
    names = service_names([name] if name else None)
    dsn = env("DATABASE_URL")
    start, end = aware(since), aware(until) if until else None
    done = operate(republish(dsn, names, start, end, topic))
    for item in done:
        if item.missing:
            typer.secho(f"{item.service}: no outbox in this database", fg="yellow", err=True)
        elif item.error:
            typer.secho(f"{item.service}: {item.error}", fg="red", err=True)
        else:
            typer.echo(f"{item.service}: {item.rows} event(s) queued for republishing")
    failed = any(item.error for item in done)
    names = [item.service for item in done if item.rows]
    total = sum(item.rows for item in done)
    if not wait or not total:
        raise typer.Exit(1 if failed else 0)
    with progress_bar("republishing", total) as bar:

        def show(pending: dict[str, int]) -> None:
            bar.set(max(total - sum(pending.values()), 0))

        done = operate(wait_until_published(dsn, names, patience=timeout, on_progress=show))
    if not done:
        typer.secho(
            f"rows still pending after {timeout:.0f}s: is each service's relay running? "
            "(`otop status` shows the outbox backlog)",
            fg="red",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"{total} event(s) published again")
    raise typer.Exit(1 if failed else 0)
