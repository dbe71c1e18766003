"""Dead letters for the operator: pick them by reference, list them, show one in full."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from shared.messaging.dead_letters import DeadLetter


class BadReference(ValueError):
    pass


@dataclass(frozen=True)
class LetterReference:
    """An event id, or an offset on the DLQ topic (`OFFSET` or `PARTITION:OFFSET`)."""

    event_id: str | None = None
    partition: int | None = None
    offset: int | None = None

    @classmethod
    def parse(cls, text: str) -> LetterReference:
        try:
            return cls(event_id=str(uuid.UUID(text)))
        except ValueError:
            pass
        partition, _, offset = text.rpartition(":")
        try:
            return cls(partition=int(partition) if partition else None, offset=int(offset))
        except ValueError:
            raise BadReference(
                f"{text!r} is neither an event id (a UUID) nor an offset (OFFSET or "
                "PARTITION:OFFSET)"
            ) from None

    def matches(self, letter: DeadLetter) -> bool:
        if self.event_id is not None:
            return letter.event_id == self.event_id
        return letter.offset == self.offset and (
            self.partition is None or letter.partition == self.partition
        )


def parse_positions(texts: list[str]) -> list[LetterReference]:
    """`PARTITION:OFFSET` references (the partition is required: an offset alone can name
    letters on several partitions)."""
    refs = []
    for text in texts:
        ref = LetterReference.parse(text)
        if ref.event_id is not None or ref.partition is None:
            raise BadReference(f"{text!r} is not PARTITION:OFFSET, e.g. 5:0")
        refs.append(ref)
    return refs


def select_letters(
    letters: list[DeadLetter], event_ids: set[str], positions: list[LetterReference]
) -> list[DeadLetter]:
    """The letters named by event id or position; all of them when none is named."""
    if not event_ids and not positions:
        return letters
    return [x for x in letters if x.event_id in event_ids or any(p.matches(x) for p in positions)]


def status_of(letter: DeadLetter) -> str:
    return letter.handled.action if letter.handled else "pending"


def letter_summary(letter: DeadLetter) -> dict[str, Any]:
    return {
        "partition": letter.partition,
        "offset": letter.offset,
        "event_id": letter.event_id,
        "event_type": letter.event_type,
        "consumer": letter.consumer,
        "failed_at": letter.failed_at,
        "error": letter.error,
        **({"status": status_of(letter)} if letter.handled else {}),
    }


def letters_table(topic: str, letters: list[DeadLetter]) -> Table:
    table = Table(title=f"{topic}.dlq: {len(letters)} dead letter(s)", title_justify="left")
    for column in ("partition:offset", "event id", "type", "consumer", "failed at", "status"):
        table.add_column(column)
    table.add_column("error", overflow="fold")
    for letter in letters:
        table.add_row(
            f"{letter.partition}:{letter.offset}",
            letter.event_id or "-",
            letter.event_type or "-",
            letter.consumer or "-",
            letter.failed_at or "-",
            status_of(letter),
            letter.error,
        )
    return table


def _value(letter: DeadLetter) -> tuple[Any, str | None]:
    """The envelope (parsed) or, when the value is not JSON, its text."""
    text = letter.value.decode("utf-8", "replace")
    try:
        return json.loads(text), None
    except ValueError:
        return None, text


def letter_detail(letter: DeadLetter) -> dict[str, Any]:
    envelope, raw = _value(letter)
    written = (
        datetime.fromtimestamp(letter.timestamp_ms / 1000, UTC).isoformat()
        if letter.timestamp_ms
        else None
    )
    detail: dict[str, Any] = {
        "dlq_topic": letter.dlq,
        "partition": letter.partition,
        "offset": letter.offset,
        "key": letter.key,
        "written_at": written,
        "status": status_of(letter),
        "handled": asdict(letter.handled) if letter.handled else None,
        "original_topic": letter.topic,
        "error": letter.error,
        "headers": letter.headers,
    }
    if raw is None:
        detail["envelope"] = envelope
    else:
        detail["value"] = raw
    return detail


def render_detail(letter: DeadLetter, console: Console) -> None:
    """Print one dead letter in full (plain text: no markup is read from its contents)."""
    detail = letter_detail(letter)
    console.rule(Text(f"{letter.dlq} {letter.partition}:{letter.offset}"))
    lines = [f"{name}: {detail[name]}" for name in ("key", "written_at", "status")]
    lines.append(f"original topic: {letter.topic}")
    if letter.handled:
        lines.append(
            f"handled: {letter.handled.action} at {letter.handled.at}"
            + (f" ({letter.handled.reason})" if letter.handled.reason else "")
        )
    lines.append(f"error: {letter.error}")
    lines.append("headers:")
    lines += [f"  {name}: {value}" for name, value in letter.headers.items()]
    if "envelope" in detail:
        is_envelope = isinstance(detail["envelope"], dict) and "event_type" in detail["envelope"]
        lines.append("envelope:" if is_envelope else "value (JSON, not an envelope):")
        lines.append(json.dumps(detail["envelope"], ensure_ascii=False, indent=2))
    else:
        lines.append("value (not JSON):")
        lines.append(detail["value"])
    console.out("\n".join(lines), highlight=False)
