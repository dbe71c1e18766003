"""`otop`: the operator's command line for the platform.

up          run the one-machine stack (embedded PostgreSQL + broker, every service)
serve       run one service process (what a container runs)
migrate     create service roles and schemas, apply migrations
topics      create every topic (and its .dlq) idempotently
seed        load the demo data through the registry's API
status      every service's health, outbox backlog, consumer lag and dead letters
lag         consumer lag per group, topic and partition
tail        print a topic's envelopes, one JSON object a line
outbox      inspect the outboxes; republish from a point in time, one service or all
dlq         list, show, re-drive and discard dead letters
asyncapi    write or check the AsyncAPI document
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from collections.abc import Coroutine
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from services.topology import SERVICES, service

T = TypeVar("T")

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
outbox_app = typer.Typer(help="The services' transactional outboxes.", no_args_is_help=True)
dlq_app = typer.Typer(
    help="Dead-letter topics (<topic>.dlq): list, show, re-drive, discard.", no_args_is_help=True
)
app.add_typer(outbox_app, name="outbox")
app.add_typer(dlq_app, name="dlq")
members_app = typer.Typer(
    help="A member's personal data (PDPA): export what every service holds, erase it.",
    no_args_is_help=True,
)
app.add_typer(members_app, name="members")


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


def _operate(work: Coroutine[Any, Any, T]) -> T:
    """Run an operator command's work; a broker or database that cannot be reached ends
    it with a plain message (exit 1) instead of a traceback."""
    from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError
    from asyncpg import PostgresConnectionError

    try:
        return asyncio.run(work)
    except (KafkaConnectionError, KafkaTimeoutError) as exc:
        typer.secho(
            f"cannot reach the broker at {_bootstrap()} (KAFKA_BOOTSTRAP_SERVERS): {exc}",
            fg="red",
            err=True,
        )
    except (PostgresConnectionError, OSError) as exc:
        typer.secho(f"cannot reach the database (DATABASE_URL): {exc}", fg="red", err=True)
    raise typer.Exit(1)


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
    """Create every topic of the catalogue and its .dlq, then check that each has the
    catalogue's partition count (a topic with another count is an error: exit 1)."""
    from shared.messaging.topics import TopicMismatch, all_topic_names, ensure_topics

    try:
        created = asyncio.run(
            ensure_topics(
                _bootstrap(),
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


@app.command()
def seed(
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Load every service's demo data through its API (ADMIN_TOKEN; <SERVICE>_URL, e.g.
    REGISTRY_URL, overrides one service's address). Each service loads its data once."""
    from services.demo import load_all_demo_data
    from services.operations.endpoints import service_urls

    asyncio.run(
        load_all_demo_data(service_urls(host, port_offset), _env("ADMIN_TOKEN"), typer.echo)
    )


@app.command()
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
        _bootstrap(),
        timeout=timeout,
    )
    found = _operate(platform_status(sources))
    if as_json:
        typer.echo(json_line(found.as_dict()))
    else:
        render(found, stdout_console())


@app.command()
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

    report = _operate(consumer_lag(_bootstrap(), group))
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


@app.command()
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
        _operate(read_topic(_bootstrap(), topic, options, emit, summary, header))
    except TopicNotFound as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    say(summary.describe())


def _service_names(names: list[str] | None) -> list[str]:
    try:
        return [service(n).name for n in names] if names else [s.name for s in SERVICES]
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0])) from None


@outbox_app.command("status")
def outbox_status(
    names: Annotated[list[str] | None, typer.Argument(help="Default: every service")] = None,
) -> None:
    """Rows pending and published, the oldest pending and the last published, one JSON
    object a line per service (DATABASE_URL: the administrator's DSN, or a service's own)."""
    from services.operations.outbox import outbox_status as read_status
    from services.operations.output import json_line

    for found in _operate(read_status(_env("DATABASE_URL"), _service_names(names))):
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
    names = _service_names([name] if name else None)
    dsn = _env("DATABASE_URL")
    start, end = _aware(since), _aware(until) if until else None
    done = _operate(republish(dsn, names, start, end, topic))
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

        done = _operate(wait_until_published(dsn, names, patience=timeout, on_progress=show))
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


def _letters(topic: str, *, include_handled: bool = False):  # type: ignore[no-untyped-def]
    from shared.messaging.dead_letters import read_dead_letters

    return _operate(read_dead_letters(_bootstrap(), topic, include_handled=include_handled))


def _event_ids(values: list[str] | None) -> set[str]:
    try:
        return {str(uuid.UUID(v)) for v in values or ()}
    except ValueError as exc:
        raise typer.BadParameter(f"not an event id (a UUID): {exc}") from None


def _positions(values: list[str] | None):  # type: ignore[no-untyped-def]
    from services.operations.dlq import BadReference, parse_positions

    try:
        return parse_positions(values or [])
    except BadReference as exc:
        raise typer.BadParameter(str(exc)) from None


@dlq_app.command("list")
def dlq_list(
    topic: Annotated[str, typer.Argument(help="The original topic, e.g. registry.members.v1")],
    limit: int = 100,
    handled: Annotated[
        bool, typer.Option("--handled", help="Include re-driven and discarded ones")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines even on a terminal")] = False,
) -> None:
    """Dead letters of a topic not re-driven or discarded yet, oldest first: a table on a
    terminal, one JSON object a line otherwise."""
    from services.operations.dlq import letter_summary, letters_table
    from services.operations.output import json_line, stdout_console, stdout_is_terminal

    letters = _letters(topic, include_handled=handled)[:limit]
    if as_json or not stdout_is_terminal():
        for letter in letters:
            typer.echo(json_line(letter_summary(letter)))
        return
    stdout_console().print(letters_table(topic, letters))


@dlq_app.command("show")
def dlq_show(
    topic: Annotated[str, typer.Argument(help="The original topic")],
    reference: Annotated[
        str, typer.Argument(help="An event id, or the offset on the .dlq (OFFSET or P:OFFSET)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a letter")] = False,
) -> None:
    """One dead letter in full: its headers (dlq.error, dlq.consumer, ...) and the envelope."""
    from services.operations.dlq import BadReference, LetterReference, letter_detail, render_detail
    from services.operations.output import json_line, stdout_console

    try:
        ref = LetterReference.parse(reference)
    except BadReference as exc:
        raise typer.BadParameter(str(exc)) from None
    found = [x for x in _letters(topic, include_handled=True) if ref.matches(x)]
    if not found:
        typer.secho(f"no dead letter {reference} on {topic}.dlq", fg="red", err=True)
        raise typer.Exit(1)
    if ref.event_id is None and ref.partition is None and len(found) > 1:
        where = ", ".join(f"{x.partition}:{x.offset}" for x in found)
        typer.secho(
            f"offset {reference} is on several partitions ({where}): give PARTITION:OFFSET",
            fg="red",
            err=True,
        )
        raise typer.Exit(2)
    for letter in found:
        if as_json:
            typer.echo(json_line(letter_detail(letter)))
        else:
            render_detail(letter, stdout_console())


@dlq_app.command("redrive")
def dlq_redrive(
    topic: Annotated[str, typer.Argument(help="The original topic")],
    event_id: Annotated[
        list[str] | None, typer.Option(help="Only this event (may be repeated)")
    ] = None,
    offset: Annotated[
        list[str] | None,
        typer.Option(help="Only the letter at PARTITION:OFFSET of the .dlq (may be repeated)"),
    ] = None,
    limit: int = 1000,
) -> None:
    """Send dead letters back to their topic for the consumers to try again, oldest first,
    each once: a re-driven letter is marked handled (see `otop dlq discard --help`).
    Without --event-id or --offset: every letter not handled yet.

    A message that several consumer groups failed on has a letter from each; it is sent
    once and all its letters are marked. It reaches every group of the topic again: those
    that processed it already ignore it."""
    from services.operations.dlq import select_letters
    from services.operations.progress import progress_bar
    from shared.messaging.dead_letters import redrive_letters, with_siblings

    wanted, positions = _event_ids(event_id), _positions(offset)
    pending = _letters(topic)
    letters = with_siblings(select_letters(pending, wanted, positions)[:limit], pending)
    with progress_bar(f"re-driving to {topic}", len(letters)) as bar:
        sent = _operate(redrive_letters(_bootstrap(), letters, on_each=lambda _: bar.advance()))
    typer.echo(
        f"{sent} message(s) re-driven to {topic} ({len(letters)} dead letter(s) marked re-driven)"
    )


@dlq_app.command("discard")
def dlq_discard(
    topic: Annotated[str, typer.Argument(help="The original topic")],
    event_id: Annotated[
        list[str] | None, typer.Option(help="This event's dead letters (may be repeated)")
    ] = None,
    offset: Annotated[
        list[str] | None,
        typer.Option(help="The letter at PARTITION:OFFSET of the .dlq (may be repeated)"),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Every dead letter not handled yet")
    ] = False,
    reason: Annotated[str | None, typer.Option(help="Why, kept with the mark")] = None,
) -> None:
    """Mark dead letters as handled without sending them anywhere: they no longer count in
    `otop status` nor show in `otop dlq list` (`--handled` still shows them).

    Kafka cannot delete a single record (and the embedded broker has no DeleteRecords), so
    the letter stays on <topic>.dlq until retention removes it; the mark is a record on the
    compacted topic otop.dlq-handled, keyed by <topic>.dlq/<partition>/<offset>. The same
    mark is written when a letter is re-driven. This works on Apache Kafka and the embedded
    broker alike."""
    from services.operations.dlq import select_letters
    from services.operations.progress import progress_bar
    from shared.messaging.dead_letters import discard_letters

    wanted, positions = _event_ids(event_id), _positions(offset)
    if bool(wanted or positions) == everything:
        raise typer.BadParameter("give --event-id or --offset (one or more), or --all")
    letters = select_letters(_letters(topic), wanted, positions)
    with progress_bar(f"discarding from {topic}.dlq", len(letters)) as bar:
        done = _operate(
            discard_letters(_bootstrap(), letters, reason=reason, on_each=lambda _: bar.advance())
        )
    typer.echo(f"{done} dead letter(s) discarded from {topic}.dlq")


@members_app.command("export")
def members_export(
    member_id: uuid.UUID,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout")] = None,
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Everything the four services hold about a member, as one JSON document (ADMIN_TOKEN;
    <SERVICE>_URL overrides one service's address). Fails rather than give a partial one."""
    from services.operations.endpoints import service_urls
    from services.privacy.export import ExportFailed, MemberNotFound, export_member

    try:
        document = asyncio.run(
            export_member(member_id, service_urls(host, port_offset), _env("ADMIN_TOKEN"))
        )
    except (MemberNotFound, ExportFailed) as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", "utf-8")
        typer.echo(f"member {member_id}: written to {output}", err=True)


@members_app.command("erase")
def members_erase(
    member_id: uuid.UUID,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Erase a member's personal data on request (the registry clears it and publishes
    `member.erased`; the other services clear their copies). Sales amounts stay."""
    from services.operations.endpoints import service_urls
    from services.privacy.export import ExportFailed, MemberNotFound, request_erasure

    if not yes:
        typer.confirm(
            f"Erase the personal data of member {member_id}? This cannot be undone", abort=True
        )
    try:
        member = asyncio.run(
            request_erasure(
                member_id, service_urls(host, port_offset)["registry"], _env("ADMIN_TOKEN")
            )
        )
    except (MemberNotFound, ExportFailed) as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"member {member['member_id']}: personal data erased at {member['erased_at']} "
        f"(version {member['version']})"
    )


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
