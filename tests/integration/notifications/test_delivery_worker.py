"""The delivery worker against real Postgres and real protocol peers (HTTP, SMTP)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, time, timedelta
from typing import Any

import asyncpg

from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.domain.preferences import Preferences, QuietHours
from services.notifications.service_layer import (
    member_events,
    registration_events,
)
from shared.contracts.registry import MemberRegistered
from shared.timeutil import BANGKOK
from tests.infrastructure import Servers
from tests.integration.notifications.conftest import LINE_TOKEN, Peers, notification_settings
from tests.integration.notifications.helpers import deliveries, delivery_worker, drain, source
from tests.unit.notifications import samples


async def known_member(pool: asyncpg.Pool, **kwargs: Any) -> tuple[uuid.UUID, MemberRegistered]:
    member = samples.member(uuid.uuid4(), line_id=f"U{uuid.uuid4().hex}", **kwargs)
    await member_events.on_member_snapshot(
        member, source("member.registered"), PostgresNotificationsUnitOfWork(pool)
    )
    return member.member_id, member


async def confirm(pool: asyncpg.Pool, member_id: uuid.UUID) -> None:
    await registration_events.on_registration_changed(
        samples.confirmed(member_id),
        source("registration.confirmed"),
        PostgresNotificationsUnitOfWork(pool),
    )


async def test_a_confirmation_is_pushed_once_to_line_in_thai(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    await confirm(pool, member_id)
    async with delivery_worker(pool, notification_settings(notifications_dsn, servers, peers)) as w:
        await drain(w, pool)
        await drain(w, pool)
    [push] = peers.line.sent_to(member.contact.line_id)
    assert push.path == "/v2/bot/message/push"
    assert push.headers["Authorization"] == f"Bearer {LINE_TOKEN}"
    text = push.json()["messages"][0]["text"]
    assert "ยืนยันการลงทะเบียน" in text and "5 ธันวาคม 2569" in text
    assert peers.mail.messages == [] and peers.sms.requests == []
    [row] = await deliveries(pool, member_id)
    assert (row["state"], row["channel"], row["attempts"]) == ("sent", "line", 1)
    outbox = await pool.fetch("SELECT envelope FROM outbox WHERE event_type = 'delivery.sent'")
    [sent] = [o["envelope"] for o in outbox if o["envelope"]["data"]["member_id"] == str(member_id)]
    assert sent["aggregate_id"] == str(row["delivery_id"])
    assert member.contact.line_id not in str(sent) and "@" not in str(sent["data"])


async def test_a_failing_line_falls_back_to_email_after_bounded_retries(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    peers.line.fail_for[member.contact.line_id] = 503
    await confirm(pool, member_id)
    async with delivery_worker(pool, notification_settings(notifications_dsn, servers, peers)) as w:
        await drain(w, pool)
    assert len(peers.line.sent_to(member.contact.line_id)) == 3  # delivery_max_attempts
    [mail] = [m for m in peers.mail.messages if member.contact.email in m.recipients]
    assert mail.subject.startswith("ยืนยันการลงทะเบียน")
    assert "กลุ่มแม่บ้านเกษตรกรควนลัง" in mail.body
    [row] = await deliveries(pool, member_id)
    assert (row["state"], row["channel"], row["attempts"]) == ("sent", "email", 4)
    assert row["failed_channels"] == ["line"]


async def test_a_permanent_failure_is_not_retried_and_the_next_channel_is_used_at_once(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    peers.line.fail_for[member.contact.line_id] = 400
    peers.mail.refuse.add(member.contact.email)
    await confirm(pool, member_id)
    async with delivery_worker(pool, notification_settings(notifications_dsn, servers, peers)) as w:
        await drain(w, pool)
    assert len(peers.line.sent_to(member.contact.line_id)) == 1
    [sms] = peers.sms.sent_to(member.contact.phone)
    assert "ยืนยันการลงทะเบียน" in sms.json()["text"]
    [row] = await deliveries(pool, member_id)
    assert (row["state"], row["channel"], row["failed_channels"]) == (
        "sent",
        "sms",
        ["line", "email"],
    )


async def test_when_every_channel_fails_the_delivery_fails_with_its_reason(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool, email=None, phone=None)
    peers.line.fail_for[member.contact.line_id] = 400
    await confirm(pool, member_id)
    async with delivery_worker(pool, notification_settings(notifications_dsn, servers, peers)) as w:
        await drain(w, pool)
    [row] = await deliveries(pool, member_id)
    assert row["state"] == "failed" and "HTTP 400" in row["last_error"]
    failed = await pool.fetchval("SELECT count(*) FROM outbox WHERE event_type = 'delivery.failed'")
    assert failed == 1


async def test_channels_not_configured_are_skipped(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    await confirm(pool, member_id)
    settings = notification_settings(
        notifications_dsn,
        servers,
        peers,
        line_channel_access_token=None,
        sms_gateway_url=None,
        sms_gateway_token=None,
    )
    async with delivery_worker(pool, settings) as w:
        await drain(w, pool)
    assert peers.line.requests == []
    assert [m.recipients for m in peers.mail.messages] == [(member.contact.email,)]


async def test_two_workers_share_the_queue_without_sending_anything_twice(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    members = [await known_member(pool) for _ in range(12)]
    for member_id, _ in members:
        await confirm(pool, member_id)
    settings = notification_settings(notifications_dsn, servers, peers)
    async with (
        delivery_worker(pool, settings, batch_size=3) as first,
        delivery_worker(pool, settings, batch_size=3) as second,
    ):
        await asyncio.gather(drain(first, pool), drain(second, pool))
    pushed = sorted(r.json()["to"] for r in peers.line.requests)
    assert pushed == sorted(m.contact.line_id for _, m in members)


async def test_a_job_left_sending_by_a_dead_worker_is_sent_after_its_lease(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    await confirm(pool, member_id)
    # A worker claimed it and died before recording anything.
    await pool.execute(
        "UPDATE deliveries SET state = 'sending', lease_until = now() + interval '300 ms'"
    )
    async with delivery_worker(pool, notification_settings(notifications_dsn, servers, peers)) as w:
        assert await w.run_once() == 0  # the lease still holds
        await drain(w, pool)  # polls until the lease has run out and the job is sent
    assert len(peers.line.sent_to(member.contact.line_id)) == 1
    [row] = await deliveries(pool, member_id)
    assert row["state"] == "sent"


async def test_a_member_not_yet_known_gets_the_message_once_the_contact_arrives(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member = samples.member(uuid.uuid4(), line_id=f"U{uuid.uuid4().hex}")
    await confirm(pool, member.member_id)
    settings = notification_settings(notifications_dsn, servers, peers, delivery_max_attempts=50)
    async with delivery_worker(pool, settings) as w:
        await w.run_once()
        [row] = await deliveries(pool, member.member_id)
        assert row["state"] == "queued" and "not known" in row["last_error"]
        await member_events.on_member_snapshot(
            member, source("member.registered"), PostgresNotificationsUnitOfWork(pool)
        )
        await drain(w, pool)
    assert len(peers.line.sent_to(member.contact.line_id)) == 1


async def test_a_message_queued_before_quiet_hours_but_sent_late_waits_for_the_morning(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member_id, member = await known_member(pool)
    uow = PostgresNotificationsUnitOfWork(pool)
    async with uow:
        await uow.preferences.save(
            member_id, Preferences(quiet_hours=QuietHours(time(22, 0), time(7, 0)))
        )
        await uow.commit()
    evening = datetime(2026, 11, 20, 21, 50, tzinfo=BANGKOK)
    await registration_events.on_registration_changed(
        samples.confirmed(member_id),
        source("registration.confirmed"),
        PostgresNotificationsUnitOfWork(pool),
        lambda: evening,
    )
    late = evening + timedelta(minutes=40)  # a retry or a busy queue: 22:30, in quiet hours
    settings = notification_settings(notifications_dsn, servers, peers)
    async with delivery_worker(pool, settings, clock=lambda: late) as worker:
        assert await worker.run_once() == 1
    assert peers.line.sent_to(member.contact.line_id) == []
    [row] = await deliveries(pool, member_id)
    assert (row["state"], row["attempts"]) == ("queued", 0)
    assert row["next_attempt_at"] == datetime(2026, 11, 21, 7, 0, tzinfo=BANGKOK)
    morning = datetime(2026, 11, 21, 7, 0, tzinfo=BANGKOK)
    async with delivery_worker(pool, settings, clock=lambda: morning) as worker:
        assert await worker.run_once() == 1
    assert len(peers.line.sent_to(member.contact.line_id)) == 1


async def test_waiting_for_a_late_contact_does_not_use_up_the_first_channels_retries(
    pool, notifications_dsn, servers: Servers, peers: Peers
) -> None:
    member = samples.member(uuid.uuid4(), line_id=f"U{uuid.uuid4().hex}")
    peers.line.fail_for[member.contact.line_id] = 503
    await confirm(pool, member.member_id)
    settings = notification_settings(notifications_dsn, servers, peers)  # 3 tries a channel
    async with delivery_worker(pool, settings) as w:
        for _ in range(200):
            await w.run_once()
            [row] = await deliveries(pool, member.member_id)
            if row["attempts"] >= 2:
                break
            await asyncio.sleep(0.05)
        assert row["attempts"] == 2 and "not known" in row["last_error"]
        await member_events.on_member_snapshot(
            member, source("member.registered"), PostgresNotificationsUnitOfWork(pool)
        )
        await drain(w, pool)
    assert len(peers.line.sent_to(member.contact.line_id)) == 3
    [mail] = [m for m in peers.mail.messages if member.contact.email in m.recipients]
    assert mail.subject.startswith("ยืนยันการลงทะเบียน")
    [row] = await deliveries(pool, member.member_id)
    assert (row["state"], row["channel"], row["failed_channels"]) == ("sent", "email", ["line"])
