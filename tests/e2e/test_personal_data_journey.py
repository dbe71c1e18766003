"""Personal data (Thailand's PDPA) across the whole platform, with the four services as
their own processes over the real broker.

The members' journey runs while every log line of the services and every message on every
topic is captured: no phone number, e-mail address, LINE id or national id appears outside
the registry's own member events on registry.members.v1 (which notifications needs). Then
staff export what the platform holds about a member (one document from the four services),
erase the member's personal data, and the export and every database row no longer hold the
person, while sales keep their amounts."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port
from services.privacy.export import export_member, request_erasure
from shared.contracts.catalogue import REGISTRY_MEMBERS, TOPICS
from shared.contracts.registry import ERASED_TEXT
from shared.logging import _EMAIL, _NATIONAL_ID, _PHONE
from tests.cli import run_cli
from tests.conftest import ADMIN_TOKEN, Database, eventually
from tests.e2e.conftest import ServiceProcess
from tests.e2e.test_member_journey import STAFF, JourneyMember, run_journey, start_services
from tests.infrastructure import Servers
from tests.kafka_probe import KafkaProbe, Received

PATTERNS = {"e-mail address": _EMAIL, "phone number": _PHONE, "national id": _NATIONAL_ID}
SCHEMAS = ("registry", "events", "sales", "notifications")


def _contact_values(members: tuple[JourneyMember, ...]) -> set[str]:
    """The exact phone, e-mail and LINE id values the journey gave."""
    return {
        value
        for member in members
        for key, value in member.contact.items()
        if key in ("phone", "email", "line_id") and value
    }


def _findings(text: str, exact: set[str]) -> list[str]:
    found = [f"{kind} {m.group(0)!r}" for kind, p in PATTERNS.items() for m in p.finditer(text)]
    return found + [f"contact value {value!r}" for value in sorted(exact) if value in text]


def _message_text(message: Received) -> str:
    return " ".join([message.key or "", json.dumps(message.headers), message.value.decode()])


def _personal_data_in_messages(received: list[Received], exact: set[str]) -> list[str]:
    return [
        f"{m.topic}@{m.partition}:{m.offset} ({m.json().get('event_type', '?')}): {found}"
        for m in received
        if m.topic != REGISTRY_MEMBERS.name
        for found in _findings(_message_text(m), exact)
    ]


def _personal_data_in_logs(logs: Path, exact: set[str]) -> list[str]:
    return [
        f"{log.name}: {found} in {line[:300]}"
        for log in sorted(logs.glob("*.log"))
        for line in log.read_text("utf-8", "replace").splitlines()
        for found in _findings(line, exact)
    ]


async def _rows_of(dsn: str, schema: str) -> str:
    """Every row of every table in the service's schema, as one text."""
    conn = await asyncpg.connect(dsn)
    try:
        tables = await conn.fetch(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            schema,
        )
        rows: list[dict[str, Any]] = []
        for t in tables:
            rows += [
                dict(r) for r in await conn.fetch(f'SELECT * FROM {schema}."{t["table_name"]}"')
            ]
    finally:
        await conn.close()
    return json.dumps(rows, default=str, ensure_ascii=False)


def _without_time(section: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in section.items() if k != "exported_at"}


def _sales_records(document: dict[str, Any]) -> dict[str, Any]:
    """What the sales service keeps about the member's sales: everything but its copy of the
    producer's names (which follows the registry's erasure)."""
    kept = _without_time(document)
    kept["sections"] = {k: v for k, v in kept["sections"].items() if k != "producer"}
    return kept


async def test_personal_data_stays_in_member_events_and_an_erased_member_leaves_no_trace(
    database: Database,
    servers: Servers,
    topics: list[str],
    processes: list[ServiceProcess],
    tmp_path: Path,
) -> None:
    catcher = MailCatcher(smtp_port=free_port(), http_port=free_port())
    await catcher.start()
    every_topic = [name for t in TOPICS for name in (t.name, t.dlq)]
    try:
        started = await start_services(database, servers, processes, tmp_path, catcher.smtp_port)
        urls = {name: p.url for name, p in started.items()}
        async with (
            KafkaProbe(servers.bootstrap_servers, every_topic) as probe,
            httpx.AsyncClient(base_url=urls["registry"], headers=STAFF) as registry,
            httpx.AsyncClient(base_url=urls["events"], headers=STAFF) as events,
            httpx.AsyncClient(base_url=urls["sales"], headers=STAFF) as sales,
            httpx.AsyncClient(base_url=urls["notifications"], headers=STAFF) as notifications,
            httpx.AsyncClient(base_url=catcher.web_url) as web,
        ):
            members = await run_journey(registry, events, sales, notifications, web, probe)
            await _export_and_erase(members[1], urls, database, probe)
            await probe.settle(1.0)
    finally:
        await catcher.stop()

    exact = _contact_values(members)
    # The scan sees personal data where it belongs: the registry's member events carry it.
    member_events = [m for m in probe.received if m.topic == REGISTRY_MEMBERS.name]
    assert exact <= {v for v in exact if any(v in _message_text(m) for m in member_events)}
    assert any(_findings(_message_text(m), set()) for m in member_events)
    assert {m.topic for m in probe.received} > {REGISTRY_MEMBERS.name}
    assert all((tmp_path / f"{name}.log").stat().st_size > 0 for name in SCHEMAS)
    assert _personal_data_in_messages(probe.received, exact) == []
    assert _personal_data_in_logs(tmp_path, exact) == []


async def _export_and_erase(
    member: JourneyMember, urls: dict[str, str], database: Database, probe: KafkaProbe
) -> None:
    member_id = uuid.UUID(member.member_id)
    person = {member.contact[k] for k in ("name", "phone", "email", "line_id")}

    # As an operator would: `otop members export` and `otop members erase`.
    cli_env = {f"{name.upper()}_URL": url for name, url in urls.items()}
    cli_env["ADMIN_TOKEN"] = ADMIN_TOKEN
    exported = await run_cli(["members", "export", str(member_id)], cli_env)
    assert exported.exit_code == 0, exported.output
    before = json.loads(exported.stdout)
    assert set(before["services"]) == set(SCHEMAS)
    held = before["services"]
    assert held["registry"]["sections"]["member"][0]["contact_email"] == member.contact["email"]
    assert held["notifications"]["sections"]["contact"][0]["email"] == member.contact["email"]
    assert held["notifications"]["sections"]["deliveries"]
    assert held["events"]["sections"]["registrations"]
    assert held["sales"]["sections"]["sale_lines"] and held["sales"]["sections"]["daily_summaries"]

    said = await run_cli(["members", "erase", str(member_id), "--yes"], cli_env)
    assert said.exit_code == 0 and "personal data erased at" in said.stdout, said.output
    erased = await request_erasure(member_id, urls["registry"], ADMIN_TOKEN)  # asked again
    assert erased["contact"]["name"] == ERASED_TEXT and erased["erased_at"]
    assert await request_erasure(member_id, urls["registry"], ADMIN_TOKEN) == erased

    async def everyone_forgot() -> dict[str, Any] | None:
        document = await export_member(member_id, urls, ADMIN_TOKEN)
        copies = document["services"]
        done = (
            copies["events"]["sections"]["member"][0]["erased_at"] is not None
            and copies["notifications"]["sections"]["contact"][0]["email"] is None
        )
        return document if done else None

    after = await eventually(everyone_forgot, timeout=30, interval=0.2)
    text = json.dumps(after, ensure_ascii=False)
    assert [value for value in person if value in text] == []
    sales_before, sales_after = held["sales"], after["services"]["sales"]
    assert _sales_records(sales_after) == _sales_records(sales_before)  # amounts and ids stay
    assert (
        after["services"]["events"]["sections"]["registrations"]
        == (held["events"]["sections"]["registrations"])
    )
    kept = after["services"]["notifications"]["sections"]["deliveries"]
    assert [(d["delivery_id"], d["state"]) for d in kept] == [
        (d["delivery_id"], d["state"]) for d in held["notifications"]["sections"]["deliveries"]
    ]

    for schema in SCHEMAS:
        rows = await _rows_of(database.role_dsn(schema), schema)
        assert [value for value in person if value in rows] == [], schema
    assert member.member_id in await _rows_of(database.role_dsn("sales"), "sales")
