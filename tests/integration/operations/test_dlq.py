"""Dead letters: list, show, re-drive and discard, over the real broker."""

from __future__ import annotations

import json
import uuid

import pytest

from services.operations.tail import TailOptions, tail
from shared.messaging.dead_letters import (
    dead_letter_depths,
    discard_letters,
    list_dead_letters,
    read_dead_letters,
    redrive_letters,
)
from tests.cli import run_cli
from tests.integration.operations.conftest import envelope, publish_batched


def dead_letter_headers(item: dict, error: str) -> list[tuple[str, bytes]]:
    """The headers a consumer writes with a dead letter."""
    return [
        ("event_id", item["event_id"].encode()),
        ("event_type", item["event_type"].encode()),
        ("dlq.error", error.encode()),
        ("dlq.original_topic", b""),  # filled in by the fixture
        ("dlq.consumer", b"events.registry-members"),
        ("dlq.attempts", b"5"),
        ("dlq.failed_at", b"2026-11-21T02:30:00+00:00"),
    ]


@pytest.fixture
async def poisoned(servers, scratch_topic) -> list[dict]:
    """Three dead letters on the scratch topic's .dlq, one per member."""
    items = [envelope(f"member-{n}", n) for n in range(3)]
    headers = []
    for n, item in enumerate(items):
        row = dead_letter_headers(item, f"PermanentError: จังหวัดไม่ถูกต้อง ({n})")
        row[3] = ("dlq.original_topic", scratch_topic.encode())
        headers.append(row)
    await publish_batched(servers.bootstrap_servers, f"{scratch_topic}.dlq", items, headers)
    return items


async def event_ids_on(bootstrap: str, topic: str) -> list[str]:
    lines: list[str] = []
    await tail(bootstrap, topic, TailOptions(), lines.append)
    return [json.loads(line)["event_id"] for line in lines]


async def test_dead_letters_are_redriven_or_discarded_once_and_then_no_longer_count(
    servers, scratch_topic, poisoned
):
    bootstrap = servers.bootstrap_servers
    first, second, third = (item["event_id"] for item in poisoned)

    letters = await list_dead_letters(bootstrap, scratch_topic)
    assert sorted(x.event_id for x in letters) == sorted([first, second, third])
    assert (await dead_letter_depths(bootstrap, [scratch_topic])) == {scratch_topic: 3}

    to_redrive = [x for x in letters if x.event_id == first]
    assert await redrive_letters(bootstrap, to_redrive) == 1
    to_discard = [x for x in letters if x.event_id == second]
    assert await discard_letters(bootstrap, to_discard, reason="member deleted") == 1

    assert await event_ids_on(bootstrap, scratch_topic) == [first]
    assert [x.event_id for x in await list_dead_letters(bootstrap, scratch_topic)] == [third]
    assert (await dead_letter_depths(bootstrap, [scratch_topic])) == {scratch_topic: 1}
    everything = await read_dead_letters(bootstrap, scratch_topic, include_handled=True)
    handled = {x.event_id: x.handled for x in everything}
    assert handled[first] is not None and handled[first].action == "redriven"
    assert handled[second] is not None and handled[second].action == "discarded"
    assert handled[second].reason == "member deleted"
    assert handled[third] is None
    # Handled letters are not handled twice, even when asked with stale copies.
    assert await redrive_letters(bootstrap, everything) == 1
    assert await redrive_letters(bootstrap, await list_dead_letters(bootstrap, scratch_topic)) == 0
    assert sorted(await event_ids_on(bootstrap, scratch_topic)) == sorted([first, third])


async def test_otop_dlq_list_show_redrive_discard(servers, scratch_topic, poisoned):
    env = {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers}
    first, second, third = (item["event_id"] for item in poisoned)

    listed = await run_cli(["dlq", "list", scratch_topic], env)
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(r["event_id"] for r in rows) == sorted([first, second, third])
    assert "จังหวัดไม่ถูกต้อง" in listed.stdout

    shown = await run_cli(["dlq", "show", scratch_topic, first], env)
    assert shown.exit_code == 0, shown.output
    assert "dlq.error: PermanentError: จังหวัดไม่ถูกต้อง (0)" in shown.stdout
    assert "dlq.consumer: events.registry-members" in shown.stdout
    assert '"note": "สินค้าโอทอปห้าดาว"' in shown.stdout  # the envelope, pretty-printed
    assert "status: pending" in shown.stdout
    row = next(r for r in rows if r["event_id"] == second)
    by_offset = await run_cli(
        ["dlq", "show", scratch_topic, f"{row['partition']}:{row['offset']}", "--json"], env
    )
    assert json.loads(by_offset.stdout)["envelope"]["event_id"] == second

    redriven = await run_cli(["dlq", "redrive", scratch_topic, "--event-id", first], env)
    assert redriven.exit_code == 0, redriven.output
    assert f"1 message(s) re-driven to {scratch_topic}" in redriven.stdout
    position = f"{row['partition']}:{row['offset']}"  # e.g. for a letter without an event id
    discarded = await run_cli(["dlq", "discard", scratch_topic, "--offset", position], env)
    assert f"1 dead letter(s) discarded from {scratch_topic}.dlq" in discarded.stdout

    left = await run_cli(["dlq", "list", scratch_topic, "--json"], env)
    assert [json.loads(line)["event_id"] for line in left.stdout.splitlines()] == [third]
    shown = await run_cli(["dlq", "show", scratch_topic, second], env)
    assert "status: discarded" in shown.stdout

    rest = await run_cli(["dlq", "discard", scratch_topic, "--all"], env)
    assert f"1 dead letter(s) discarded from {scratch_topic}.dlq" in rest.stdout
    nothing = await run_cli(["dlq", "redrive", scratch_topic], env)
    assert f"0 message(s) re-driven to {scratch_topic}" in nothing.stdout
    assert await event_ids_on(servers.bootstrap_servers, scratch_topic) == [first]


async def test_otop_dlq_refuses_unclear_requests(servers, scratch_topic, poisoned):
    env = {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers}

    neither = await run_cli(["dlq", "discard", scratch_topic], env)
    unknown = await run_cli(["dlq", "show", scratch_topic, str(uuid.uuid4())], env)
    nonsense = await run_cli(["dlq", "show", scratch_topic, "yesterday"], env)

    assert neither.exit_code == 2
    assert "give --event-id or --offset (one or more), or --all" in neither.output
    assert unknown.exit_code == 1
    assert nonsense.exit_code == 2


async def test_a_message_two_groups_failed_on_is_redriven_once_and_both_letters_are_marked(
    servers, scratch_topic
):
    item = envelope("member-x", 1)
    copies = []
    for group in ("events.registry-members", "notifications.registry-members"):
        headers = dead_letter_headers(item, "PermanentError: no such province")
        headers[3] = ("dlq.original_topic", scratch_topic.encode())
        headers[4] = ("dlq.consumer", group.encode())
        headers += [("dlq.original_partition", b"2"), ("dlq.original_offset", b"17")]
        copies.append(headers)
    await publish_batched(servers.bootstrap_servers, f"{scratch_topic}.dlq", [item, item], copies)
    env = {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers}
    listed = await run_cli(["dlq", "list", scratch_topic], env)
    first = json.loads(listed.stdout.splitlines()[0])

    result = await run_cli(
        ["dlq", "redrive", scratch_topic, "--offset", f"{first['partition']}:{first['offset']}"],
        env,
    )

    assert result.exit_code == 0, result.output
    assert "1 message(s) re-driven" in result.stdout
    assert "(2 dead letter(s) marked re-driven)" in result.stdout
    assert await event_ids_on(servers.bootstrap_servers, scratch_topic) == [item["event_id"]]
    assert await list_dead_letters(servers.bootstrap_servers, scratch_topic) == []
