from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from services.notifications.domain import events
from services.notifications.domain.backoff import Backoff
from services.notifications.domain.delivery import Delivery, DeliveryState, SendFailure
from shared.contracts.notifications import Channel, NotificationKind
from shared.timeutil import BANGKOK

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=BANGKOK)
NO_JITTER = Backoff(2.0, 60.0, jitter=lambda: 1.0)
CHANNELS = [Channel.LINE, Channel.EMAIL]


def delivery() -> Delivery:
    return Delivery(
        delivery_id=uuid.uuid4(),
        kind=NotificationKind.REGISTRATION_CONFIRMED,
        member_id=uuid.uuid4(),
        subscription_id=None,
        source_event_id=uuid.uuid4(),
        source_event_type="registration.confirmed",
        context={},
    )


def test_backoff_doubles_up_to_its_ceiling() -> None:
    assert [NO_JITTER.delay(n) for n in (1, 2, 3, 4, 10)] == [2.0, 4.0, 8.0, 16.0, 60.0]


def test_jitter_keeps_the_delay_within_the_upper_half() -> None:
    low = Backoff(2.0, 60.0, jitter=lambda: 0.0)
    assert low.delay(3) == 4.0
    assert all(2.0 <= Backoff(2.0, 60.0).delay(2) <= 4.0 for _ in range(50))


def test_a_transient_failure_is_retried_on_the_same_channel_later() -> None:
    job = delivery()
    job.start_attempt(Channel.LINE, "th")
    job.attempt_failed(SendFailure("LINE answered HTTP 503", False), NOW, NO_JITTER, 3)
    assert job.state is DeliveryState.QUEUED
    assert job.next_attempt_at == NOW + timedelta(seconds=2)
    assert job.next_channel(CHANNELS) is Channel.LINE


def test_a_channel_that_keeps_failing_hands_over_to_the_next_after_bounded_retries() -> None:
    job = delivery()
    for _ in range(3):
        job.start_attempt(Channel.LINE, "th")
        job.attempt_failed(SendFailure("timeout", False), NOW, NO_JITTER, 3)
    assert job.failed_channels == [Channel.LINE]
    assert job.next_channel(CHANNELS) is Channel.EMAIL
    assert job.next_attempt_at == NOW
    assert job.attempts == 3


def test_a_permanent_failure_is_not_retried() -> None:
    job = delivery()
    job.start_attempt(Channel.LINE, "th")
    job.attempt_failed(SendFailure("LINE answered HTTP 400", True), NOW, NO_JITTER, 5)
    assert job.next_channel(CHANNELS) is Channel.EMAIL
    job.start_attempt(Channel.EMAIL, "th")
    assert job.channel_failures == 0


def test_success_and_giving_up_are_final_states() -> None:
    sent, failed = delivery(), delivery()
    sent.start_attempt(Channel.EMAIL, "th")
    sent.succeeded(NOW)
    assert sent.state is DeliveryState.SENT and sent.sent_at == NOW
    failed.give_up("every channel failed", NOW)
    assert failed.state is DeliveryState.FAILED and failed.last_error == "every channel failed"


def test_waiting_for_an_unknown_contact_is_bounded() -> None:
    job = delivery()
    job.wait_for_contact(NOW, NO_JITTER, 2, "contact not known")
    assert job.state is DeliveryState.QUEUED
    job.wait_for_contact(NOW, NO_JITTER, 2, "contact not known")
    assert job.state is DeliveryState.FAILED


def test_a_sent_delivery_records_that_it_was_sent_on_its_channel() -> None:
    job = delivery()
    job.start_attempt(Channel.LINE, "en")
    job.succeeded(NOW)
    assert job.collect_events() == [
        events.DeliverySent(
            delivery_id=job.delivery_id,
            kind=NotificationKind.REGISTRATION_CONFIRMED,
            member_id=job.member_id,
            channel=Channel.LINE,
            language="en",
            source_event_id=job.source_event_id,
            source_event_type="registration.confirmed",
            attempts=1,
            sent_at=NOW,
        )
    ]
    assert job.collect_events() == []


def test_a_delivery_given_up_records_why_and_retries_record_nothing() -> None:
    job = delivery()
    job.start_attempt(Channel.LINE, "th")
    job.attempt_failed(SendFailure("LINE answered HTTP 503", False), NOW, NO_JITTER, 3)
    assert job.collect_events() == []
    job.give_up("x" * 1200, NOW)
    [failed] = job.collect_events()
    assert failed == events.DeliveryFailed(
        delivery_id=job.delivery_id,
        kind=NotificationKind.REGISTRATION_CONFIRMED,
        member_id=job.member_id,
        channel=Channel.LINE,
        language="th",
        source_event_id=job.source_event_id,
        source_event_type="registration.confirmed",
        attempts=1,
        reason="x" * 1000,
        failed_at=NOW,
    )


def test_waiting_too_long_for_a_contact_records_the_failure_once() -> None:
    job = delivery()
    job.wait_for_contact(NOW, NO_JITTER, 2, "contact not known")
    assert job.collect_events() == []
    job.wait_for_contact(NOW, NO_JITTER, 2, "contact not known")
    [failed] = job.collect_events()
    assert isinstance(failed, events.DeliveryFailed)
    assert (failed.channel, failed.attempts, failed.reason) == (None, 2, "contact not known")
