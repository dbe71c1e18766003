"""The delivery events are published on `notifications.deliveries.v1` exactly as the delivery
worker built them from the delivery before the domain raised events of its own."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from pydantic import BaseModel

from services.notifications.adapters.contract_events import to_contract
from services.notifications.domain.delivery import Delivery, DeliveryState, SendFailure
from shared.contracts import notifications as contract
from shared.contracts.notifications import Channel, NotificationKind
from shared.timeutil import BANGKOK
from tests.unit.notifications.fakes import FakeUnitOfWork
from tests.unit.notifications.test_delivery import NO_JITTER

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=BANGKOK)


def job(
    *, member: bool = True, kind: NotificationKind = NotificationKind.BOOTH_ASSIGNED
) -> Delivery:
    return Delivery(
        delivery_id=uuid.uuid4(),
        kind=kind,
        member_id=uuid.uuid4() if member else None,
        subscription_id=None if member else uuid.uuid4(),
        source_event_id=uuid.uuid4(),
        source_event_type="registration.booth_assigned",
        context={"booth": "A-12"},
    )


def as_the_worker_published(delivery: Delivery) -> BaseModel:
    """The contract model the worker built from a finished delivery's state."""
    if delivery.state is DeliveryState.SENT:
        assert delivery.channel is not None and delivery.sent_at is not None
        return contract.DeliverySent(
            delivery_id=delivery.delivery_id,
            kind=delivery.kind,
            member_id=delivery.member_id,
            channel=delivery.channel,
            language=delivery.language,
            source_event_id=delivery.source_event_id,
            source_event_type=delivery.source_event_type,
            attempts=max(delivery.attempts, 1),
            sent_at=delivery.sent_at,
        )
    assert delivery.state is DeliveryState.FAILED and delivery.failed_at is not None
    return contract.DeliveryFailed(
        delivery_id=delivery.delivery_id,
        kind=delivery.kind,
        member_id=delivery.member_id,
        channel=delivery.channel or Channel.WEBHOOK,
        language=delivery.language,
        source_event_id=delivery.source_event_id,
        source_event_type=delivery.source_event_type,
        attempts=max(delivery.attempts, 1),
        reason=delivery.last_error or "not delivered",
        failed_at=delivery.failed_at,
    )


def sent_on_email_after_line_failed() -> Delivery:
    delivery = job()
    delivery.start_attempt(Channel.LINE, "th")
    delivery.attempt_failed(SendFailure("LINE answered HTTP 400", True), NOW, NO_JITTER, 3)
    delivery.start_attempt(Channel.EMAIL, "th")
    delivery.language = "en"  # the template's language, when the member's is missing
    delivery.succeeded(NOW)
    return delivery


def partner_copy_sent() -> Delivery:
    delivery = job(member=False)
    delivery.start_attempt(Channel.WEBHOOK, delivery.language)
    delivery.succeeded(NOW)
    return delivery


def every_channel_failed() -> Delivery:
    delivery = job(kind=NotificationKind.EVENT_CANCELLED)
    delivery.start_attempt(Channel.SMS, "en")
    delivery.attempt_failed(SendFailure("SMS gateway said no", True), NOW, NO_JITTER, 3)
    delivery.give_up("every channel failed; last: SMS gateway said no", NOW)
    return delivery


def partner_copy_of_an_ended_subscription() -> Delivery:
    delivery = job(member=False)
    delivery.give_up("the webhook subscription is no longer active", NOW)
    return delivery


def contact_never_came() -> Delivery:
    delivery = job()
    delivery.channel = Channel.LINE
    for _ in range(2):
        delivery.wait_for_contact(NOW, NO_JITTER, 2)
    return delivery


def given_up_without_a_reason() -> Delivery:
    delivery = job()
    delivery.give_up("", NOW)
    return delivery


FINISHED = [
    sent_on_email_after_line_failed,
    partner_copy_sent,
    every_channel_failed,
    partner_copy_of_an_ended_subscription,
    contact_never_came,
    given_up_without_a_reason,
]


@pytest.mark.parametrize("finished", FINISHED, ids=lambda f: f.__name__)
def test_each_delivery_event_maps_to_what_was_published_before(finished) -> None:  # type: ignore[no-untyped-def]
    delivery = finished()
    [event] = delivery.collect_events()
    published = to_contract(event)
    expected = as_the_worker_published(delivery)
    assert type(published) is type(expected)
    assert published.model_dump(mode="json") == expected.model_dump(mode="json")


def test_the_defaults_the_contract_needs_are_filled_in() -> None:
    [copy] = partner_copy_of_an_ended_subscription().collect_events()
    failed = to_contract(copy)
    assert isinstance(failed, contract.DeliveryFailed)
    assert (failed.channel, failed.attempts) == (Channel.WEBHOOK, 1)
    [blank] = given_up_without_a_reason().collect_events()
    assert to_contract(blank).model_dump()["reason"] == "not delivered"


async def test_the_unit_of_work_commits_the_contract_envelopes_on_the_deliveries_topic() -> None:
    sent, failed = sent_on_email_after_line_failed(), every_channel_failed()
    uow = FakeUnitOfWork()
    async with uow:
        for delivery in (sent, failed):
            for event in delivery.collect_events():
                uow.publish(delivery.delivery_id, event)
        await uow.commit()
    [(topic_sent, envelope_sent), (topic_failed, envelope_failed)] = uow.committed_events
    assert (topic_sent, topic_failed) == ("notifications.deliveries.v1",) * 2
    assert (envelope_sent.event_type, envelope_sent.event_version) == ("delivery.sent", 1)
    assert (envelope_failed.event_type, envelope_failed.event_version) == ("delivery.failed", 1)
    assert envelope_sent.producer == "notifications"
    assert envelope_sent.aggregate_id == str(sent.delivery_id)
    assert envelope_failed.aggregate_id == str(failed.delivery_id)
    assert envelope_sent.data == as_the_worker_published(sent)
    assert envelope_failed.data == as_the_worker_published(failed)


def test_anything_else_is_not_published() -> None:
    with pytest.raises(TypeError):
        to_contract(object())
