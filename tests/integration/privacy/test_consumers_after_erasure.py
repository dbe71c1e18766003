"""Consumers of `member.erased`: the events read model and the notifications contact copy
take the erased snapshot, and an older member event arriving later (a replay, a late
delivery) does not bring the personal data back."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg
import httpx

from services import topology
from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.service_layer import member_events
from shared.contracts.registry import (
    ERASED_TEXT,
    Contact,
    MemberErased,
    MemberRegistered,
    MemberType,
    MemberUpdated,
)
from shared.messaging.bus import EventMetadata
from shared.messaging.consumer import Outcome
from shared.messaging.envelope import envelope_for
from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK
from tests.conftest import Database, provision
from tests.integration.events.registry_feed import message, registered

ERASED_AT = datetime(2027, 3, 1, 9, 0, tzinfo=BANGKOK)
PERSON = Contact(
    name="นายประเสริฐ ศรีสุข", phone="0819998877", email="prasert.s@example.org", line_id="prasert.ss"
)


def _single_owner(member_id: uuid.UUID) -> MemberRegistered:
    return registered(
        member_id, name_th="ร้านลุงเสริฐ", member_type=MemberType.SINGLE_OWNER
    ).model_copy(update={"name_en": "Uncle Sert's", "contact": PERSON})


def _erased(joined: MemberRegistered) -> MemberErased:
    return MemberErased(
        **joined.model_dump(exclude={"version", "name_th", "name_en", "contact", "site"}),
        version=joined.version + 1,
        name_th=ERASED_TEXT,
        name_en=None,
        contact=Contact(name=ERASED_TEXT),
        site=joined.site.model_copy(update={"address_line": ERASED_TEXT}),
        erased_at=ERASED_AT,
    )


def _stale_update(joined: MemberRegistered) -> MemberUpdated:
    return MemberUpdated(**joined.model_dump(), changed_fields=["contact"])


async def test_the_events_read_model_keeps_the_erased_names_whatever_arrives_late(
    events: httpx.AsyncClient,
) -> None:
    member_id = uuid.uuid4()
    joined = _single_owner(member_id)
    consumer = runtime_of(events.app).consumers["registry.members.v1"]  # type: ignore[attr-defined]
    for offset, data in enumerate((joined, _erased(joined), _stale_update(joined), joined)):
        assert await consumer.handle(message(member_id, data, offset)) in (
            Outcome.PROCESSED,
            Outcome.DUPLICATE,
        )
    held = (await events.get(f"/v1/members/{member_id}/personal-data")).json()["sections"]
    [member] = held["member"]
    assert (member["name_th"], member["name_en"]) == (ERASED_TEXT, None)
    assert member["version"] == 2 and member["erased_at"] is not None


async def test_the_contact_copy_loses_its_addresses_and_an_older_snapshot_does_not_restore_them(
    database: Database,
) -> None:
    dsn = await provision(database, "notifications", topology.NOTIFICATIONS.migrations)
    member_id = uuid.uuid4()
    joined = _single_owner(member_id)
    conn = await asyncpg.connect(dsn)
    try:
        for data in (joined, _erased(joined), _stale_update(joined)):
            topic, envelope = envelope_for("registry", str(member_id), data)
            react = (
                member_events.on_member_erased
                if isinstance(data, MemberErased)
                else member_events.on_member_snapshot
            )
            await react(
                data,  # type: ignore[arg-type]
                EventMetadata.of(envelope, topic),
                PostgresNotificationsUnitOfWork(within=conn),
            )
        row = await conn.fetchrow("SELECT * FROM contacts WHERE member_id = $1", member_id)
    finally:
        await conn.close()
    assert (row["email"], row["phone"], row["line_id"]) == (None, None, None)
    assert (row["name_th"], row["name_en"], row["contact_version"]) == (ERASED_TEXT, None, 2)
