"""`otop dlq`: dead-letter topics (<topic>.dlq): list, show, re-drive, discard."""

from __future__ import annotations

import uuid
from typing import Annotated

import typer

from services.cli.common import bootstrap, operate

dlq_app = typer.Typer(
    help="Dead-letter topics (<topic>.dlq): list, show, re-drive, discard.", no_args_is_help=True
)


def _letters(topic: str, *, include_handled: bool = False):  # type: ignore[no-untyped-def]
    from shared.messaging.dead_letters import read_dead_letters

    return operate(read_dead_letters(bootstrap(), topic, include_handled=include_handled))


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
        sent = operate(redrive_letters(bootstrap(), letters, on_each=lambda _: bar.advance()))
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
        done = operate(
            discard_letters(bootstrap(), letters, reason=reason, on_each=lambda _: bar.advance())
        )
    typer.echo(f"{done} dead letter(s) discarded from {topic}.dlq")
