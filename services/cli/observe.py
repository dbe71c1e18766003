"""Watching the running platform: every service's health, consumer lag, a topic's
envelopes."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from services.cli.common import bootstrap, operate


def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON document, for machines")
    ] = False,
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds each part may take")] = 20.0,
) -> None:
    """Every service's health and readiness checks, each outbox's backlog (DATABASE_URL,
    the administrator's DSN), consumer lag per group and topic, and dead letters per topic
    (KAFKA_BOOTSTRAP_SERVERS). A part that cannot be reached is shown as unreachable.
    <SERVICE>_URL, e.g. SALES_URL, overrides one service's address."""
    from services.operations.endpoints import service_urls
    from services.operations.output import json_line, stdout_console
    from services.operations.status import StatusSources, platform_status, render

    sources = StatusSources(
        service_urls(host, port_offset),
        os.environ.get("DATABASE_URL") or None,
        bootstrap(),
        timeout=timeout,
    )
    found = operate(platform_status(sources))
    if as_json:
        typer.echo(json_line(found.as_dict()))
    else:
        render(found, stdout_console())


def lag(
    group: Annotated[str | None, typer.Option(help="Only this consumer group")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one per partition")] = False,
) -> None:
    """Consumer lag per group, topic and partition (end offset - committed offset).

    The end is never taken from the broker's answer alone: records past the reported end
    offset are read (the embedded broker can report an end below the last record), so lag is
    never negative and never hidden; "unknown" when it cannot be established. A group that
    committed nothing on a partition lags by everything from the log start."""
    from rich.table import Table

    from services.operations.lag import consumer_lag
    from services.operations.output import json_line, say, stdout_console

    report = operate(consumer_lag(bootstrap(), group))
    for note in report.notes:
        say(note)
    if as_json:
        for row in report.partitions:
            typer.echo(json_line(row.as_dict()))
        return
    table = Table(title="Consumer lag", title_justify="left")
    for column in ("group", "topic", "partition", "committed", "end", "lag"):
        table.add_column(column, justify="left" if column in ("group", "topic") else "right")
    for row in report.partitions:
        table.add_row(
            row.group,
            row.topic,
            str(row.partition),
            "-" if row.committed is None else str(row.committed),
            "?" if row.end is None else str(row.end),
            "unknown" if row.lag is None else str(row.lag),
        )
    stdout_console().print(table)
    for total in report.by_topic():
        if total.lag:
            say(f"{total.group} is {total.lag} message(s) behind on {total.topic}")


def tail(
    topic: Annotated[str, typer.Argument(help="e.g. sales.transactions.v1")],
    from_beginning: Annotated[
        bool, typer.Option("--from-beginning/--from-end", help="Where to start reading")
    ] = True,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Keep waiting for new envelopes")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Stop after printing this many")] = None,
    key: Annotated[str | None, typer.Option(help="Only messages with this key")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only this event type, e.g. sale.recorded")
    ] = None,
    with_metadata: Annotated[
        bool, typer.Option(help="Wrap each envelope with partition, offset, key and headers")
    ] = False,
) -> None:
    """Print a topic's envelopes, one JSON object a line (Thai text as is), from the
    beginning to the end (--follow: then wait for more, until Ctrl-C). No consumer group is
    used. The header and the summary go to stderr, the envelopes to stdout."""
    from services.operations.output import say
    from services.operations.tail import TailOptions, TailSummary, TopicNotFound
    from services.operations.tail import tail as read_topic

    options = TailOptions(from_beginning, follow, limit, key, event_type, with_metadata)
    summary = TailSummary(topic)

    def header(found: TailSummary) -> None:
        where = "the beginning" if from_beginning else "the end"
        until = "following new envelopes (Ctrl-C stops)" if follow else "to the end"
        say(f"{topic}: {found.partitions} partition(s), from {where}, {until}")

    def emit(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    try:
        operate(read_topic(bootstrap(), topic, options, emit, summary, header))
    except TopicNotFound as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    say(summary.describe())
