"""The service layer with in-memory repositories: what each event queues, for whom."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

from services.notifications.domain.preferences import Preferences, QuietHours
from services.notifications.service_layer import (
    member_events,
    product_events,
    registration_events,
    sales_events,
    showcase_events,
)
from services.notifications.service_layer.reminders import send_due_reminders
from shared.contracts.events import CancellationReason
from shared.contracts.notifications import NotificationKind
from shared.messaging.bus import EventMetadata
from shared.timeutil import BANGKOK
from tests.unit.notifications import samples
from tests.unit.notifications.fakes import FakeUnitOfWork

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=BANGKOK)


def clock(moment: datetime = NOON):  # type: ignore[no-untyped-def]
    return lambda: moment


def source(event_type: str) -> EventMetadata:
    return samples.metadata(event_type)


def kinds(uow: FakeUnitOfWork) -> list[NotificationKind]:
    return [d.kind for d, _ in uow.deliveries.for_members()]  # type: ignore[attr-defined]


async def test_a_confirmed_registration_queues_one_message_for_the_member() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    event = samples.confirmed(member_id)
    await registration_events.on_registration_changed(
        event, source("registration.confirmed"), uow, clock()
    )
    [(delivery, meta)] = uow.deliveries.for_members()  # type: ignore[attr-defined]
    assert delivery.kind is NotificationKind.REGISTRATION_CONFIRMED
    assert delivery.member_id == member_id
    assert meta["event_id"] == event.event_id and meta["send_at"] == NOON
    assert delivery.context["event"]["title_th"] == "2 ทศวรรษ OTOP ภาคใต้"


async def test_the_same_source_event_queues_once() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    event, src = samples.confirmed(member_id), source("registration.confirmed")
    await registration_events.on_registration_changed(event, src, uow, clock())
    await registration_events.on_registration_changed(event, src, uow, clock())
    assert len(uow.deliveries.for_members()) == 1  # type: ignore[attr-defined]


async def test_an_opted_out_kind_is_not_queued_but_a_critical_one_is() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    uow.preferences.rows[member_id] = Preferences(  # type: ignore[attr-defined]
        opt_outs=frozenset({NotificationKind.PRODUCT_RATED})
    )
    await product_events.on_product_rated(
        samples.product_rated(member_id), source("product.rated"), uow, clock()
    )
    await showcase_events.on_event_cancelled(
        samples.event_cancelled(uuid.uuid4(), [member_id]), source("event.cancelled"), uow, clock()
    )
    assert kinds(uow) == [NotificationKind.EVENT_CANCELLED]


async def test_quiet_hours_delay_a_message_until_they_end() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    uow.preferences.rows[member_id] = Preferences(  # type: ignore[attr-defined]
        quiet_hours=QuietHours(time(22), time(7))
    )
    late = datetime(2026, 11, 21, 23, 15, tzinfo=BANGKOK)
    await product_events.on_product_rated(
        samples.product_rated(member_id), source("product.rated"), uow, clock(late)
    )
    [(_, meta)] = uow.deliveries.for_members()  # type: ignore[attr-defined]
    assert meta["send_at"] == datetime(2026, 11, 22, 7, 0, tzinfo=BANGKOK)


async def test_an_event_cancellation_tells_each_member_once_not_per_registration() -> None:
    uow, members = FakeUnitOfWork(), [uuid.uuid4(), uuid.uuid4()]
    event_id = uuid.uuid4()
    await showcase_events.on_event_cancelled(
        samples.event_cancelled(event_id, members), source("event.cancelled"), uow, clock()
    )
    for member_id in members:
        await registration_events.on_registration_changed(
            samples.cancelled(
                member_id, samples.summary(event_id), CancellationReason.EVENT_CANCELLED
            ),
            source("registration.cancelled"),
            uow,
            clock(),
        )
    assert sorted(d.member_id for d, _ in uow.deliveries.for_members()) == sorted(members)  # type: ignore[attr-defined]
    assert set(kinds(uow)) == {NotificationKind.EVENT_CANCELLED}


async def test_a_member_who_cancels_is_told_so() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    await registration_events.on_registration_changed(
        samples.cancelled(member_id), source("registration.cancelled"), uow, clock()
    )
    assert kinds(uow) == [NotificationKind.REGISTRATION_CANCELLED]


async def test_one_digest_per_producer_and_day_whatever_revisions_follow() -> None:
    uow, producer = FakeUnitOfWork(), uuid.uuid4()
    for revision in (1, 2, 1):
        await sales_events.on_daily_summary(
            samples.daily_summary(producer, revision=revision),
            source("sales.daily_summary"),
            uow,
            clock(),
        )
    await sales_events.on_daily_summary(
        samples.daily_summary(producer, day=NOON.date()), source("sales.daily_summary"), uow
    )
    assert kinds(uow) == [NotificationKind.SALES_DAILY_SUMMARY] * 2


async def test_member_snapshots_out_of_order_keep_the_newest_contact() -> None:
    uow, member_id = FakeUnitOfWork(), uuid.uuid4()
    src = source("member.updated")
    await member_events.on_member_snapshot(
        samples.member(member_id, version=3, email="new@example.org"), src, uow
    )
    await member_events.on_member_snapshot(
        samples.member(member_id, version=2, email="old@example.org"), src, uow
    )
    contact = await uow.contacts.get(member_id)
    assert contact is not None and contact.email == "new@example.org"


async def test_a_reminder_goes_to_confirmed_members_the_day_before_and_never_twice() -> None:
    uow, event_id = FakeUnitOfWork(), uuid.uuid4()
    starts = datetime(2026, 12, 5, 9, 0, tzinfo=BANGKOK)
    here, gone = uuid.uuid4(), uuid.uuid4()
    summary = samples.summary(event_id, starts)
    await showcase_events.on_event_scheduled(
        samples.published(event_id, starts=starts), source("event.published"), uow, clock()
    )
    await registration_events.on_registration_changed(
        samples.confirmed(here, summary), source("registration.confirmed"), uow, clock()
    )
    registration = samples.confirmed(gone, summary)
    await registration_events.on_registration_changed(registration, source("x"), uow, clock())
    await registration_events.on_registration_changed(
        samples.cancelled(gone, summary, registration_id=registration.registration_id),
        source("registration.cancelled"),
        uow,
        clock(),
    )
    before = len(uow.deliveries.queued)  # type: ignore[attr-defined]
    assert await send_due_reminders(uow, clock(datetime(2026, 12, 4, 8, 59, tzinfo=BANGKOK))) == 0
    due = datetime(2026, 12, 4, 9, 0, tzinfo=BANGKOK)
    assert await send_due_reminders(uow, clock(due)) == 1
    assert await send_due_reminders(uow, clock(due + timedelta(minutes=1))) == 0
    reminders = [
        d
        for d, _ in uow.deliveries.queued[before:]  # type: ignore[attr-defined]
        if d.kind is NotificationKind.EVENT_REMINDER
    ]
    assert [d.member_id for d in reminders] == [here]


async def test_a_cancelled_event_drops_its_reminder_even_if_an_older_update_arrives_late() -> None:
    uow, event_id = FakeUnitOfWork(), uuid.uuid4()
    await showcase_events.on_event_scheduled(
        samples.published(event_id, version=1), source("event.published"), uow, clock()
    )
    await showcase_events.on_event_cancelled(
        samples.event_cancelled(event_id, [], version=3), source("event.cancelled"), uow, clock()
    )
    await showcase_events.on_event_scheduled(
        samples.published(event_id, version=2), source("event.updated"), uow, clock()
    )
    assert await uow.reminders.state(event_id) == "dropped"
    assert await send_due_reminders(uow, clock(samples.STARTS - timedelta(hours=1))) == 0


async def test_an_event_published_on_its_own_day_gets_no_reminder_saying_tomorrow() -> None:
    uow, event_id, member_id = FakeUnitOfWork(), uuid.uuid4(), uuid.uuid4()
    starts = datetime(2026, 12, 5, 14, 0, tzinfo=BANGKOK)
    morning = clock(datetime(2026, 12, 5, 8, 0, tzinfo=BANGKOK))
    await showcase_events.on_event_scheduled(
        samples.published(event_id, starts=starts), source("event.published"), uow, morning
    )
    await registration_events.on_registration_changed(
        samples.confirmed(member_id, samples.summary(event_id, starts)), source("x"), uow, morning
    )
    assert await send_due_reminders(uow, morning) == 1
    assert await uow.reminders.state(event_id) == "missed"
    assert NotificationKind.EVENT_REMINDER not in kinds(uow)
