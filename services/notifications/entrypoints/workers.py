"""The service's background jobs: the delivery loop sends due deliveries on the channels the
settings configure, the reminder loop queues due reminders, the erasure loop erases the
contacts of online orders' customers whose time is up. They run after the broker has
started, and only in processes with WORKERS_ENABLED."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

import httpx

from services.notifications.adapters.channels.base import ChannelClient
from services.notifications.adapters.channels.email import EmailClient, SmtpConfig
from services.notifications.adapters.channels.line import LineClient
from services.notifications.adapters.channels.sms import SmsClient
from services.notifications.adapters.channels.webhook import WebhookClient
from services.notifications.adapters.templates import TemplateRenderer
from services.notifications.domain.backoff import Backoff
from services.notifications.domain.customers import Retention
from services.notifications.service_layer.delivery_worker import DeliveryWorker, RetryPolicy
from services.notifications.service_layer.erasure import erase_order_contacts
from services.notifications.service_layer.reminders import send_due_reminders
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.notifications.settings import NotificationSettings
from shared.contracts.notifications import Channel
from shared.logging import get_logger
from shared.service.definition import BackgroundJob, Step
from shared.service.runtime import Runtime

log = get_logger(__name__)

READINESS = "delivery_workers"


def channel_clients(
    settings: NotificationSettings, http: httpx.AsyncClient
) -> dict[Channel, ChannelClient]:
    """The channels whose settings are present; the others are skipped."""
    clients: dict[Channel, ChannelClient] = {}
    if settings.line_channel_access_token is not None:
        clients[Channel.LINE] = LineClient(
            http,
            settings.line_api_base_url,
            settings.line_channel_access_token.get_secret_value(),
        )
    if settings.smtp_host:
        clients[Channel.EMAIL] = EmailClient(
            SmtpConfig(
                host=settings.smtp_host,
                port=settings.smtp_port,
                sender=settings.smtp_from,
                username=settings.smtp_username,
                password=(
                    settings.smtp_password.get_secret_value() if settings.smtp_password else None
                ),
                use_tls=settings.smtp_use_tls,
                start_tls=settings.smtp_start_tls,
                timeout_seconds=settings.channel_timeout_seconds,
            )
        )
    if settings.sms_gateway_url and settings.sms_gateway_token is not None:
        clients[Channel.SMS] = SmsClient(
            http, settings.sms_gateway_url, settings.sms_gateway_token.get_secret_value()
        )
    return clients


def build_delivery_worker(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    settings: NotificationSettings,
    http: httpx.AsyncClient,
    **options: Any,
) -> DeliveryWorker:
    """The delivery worker with the channels and retry policy the settings describe."""
    channels = channel_clients(settings, http)
    log.info("channels configured", channels=sorted(c.value for c in channels))
    return DeliveryWorker(
        uow_factory,
        channels,
        WebhookClient(http),
        TemplateRenderer(),
        RetryPolicy(
            max_attempts=settings.delivery_max_attempts,
            backoff=Backoff(
                settings.delivery_backoff_initial_seconds, settings.delivery_backoff_max_seconds
            ),
            lease=timedelta(seconds=settings.delivery_lease_seconds),
        ),
        **options,
    )


def _settings(runtime: Runtime) -> NotificationSettings:
    return cast(NotificationSettings, runtime.settings)


async def start_deliveries(runtime: Runtime) -> Step:
    settings = _settings(runtime)
    http = await runtime.resources.enter_async_context(
        httpx.AsyncClient(timeout=settings.channel_timeout_seconds)
    )
    worker = build_delivery_worker(
        runtime.unit_of_work, settings, http, batch_size=settings.delivery_batch_size
    )
    return worker.run_once


async def start_reminders(runtime: Runtime) -> Step:
    async def step() -> int:
        return await send_due_reminders(runtime.unit_of_work())

    return step


def retention(settings: NotificationSettings) -> Retention:
    return Retention(
        after_end=timedelta(days=settings.order_contact_retention_days),
        at_most=timedelta(days=settings.order_contact_max_days),
    )


async def start_erasure(runtime: Runtime) -> Step:
    kept = retention(_settings(runtime))

    async def step() -> int:
        return await erase_order_contacts(runtime.unit_of_work(), kept)

    return step


def _enabled(settings: Any) -> bool:
    return bool(settings.workers_enabled)


def _idle(settings: Any) -> float:
    return float(settings.worker_poll_interval_seconds)


DELIVERIES = BackgroundJob(
    name="deliveries",
    describe="delivery loop",
    readiness=READINESS,
    start=start_deliveries,
    idle_seconds=_idle,
    enabled=_enabled,
)
REMINDERS = BackgroundJob(
    name="reminders",
    describe="reminder loop",
    readiness=READINESS,
    start=start_reminders,
    idle_seconds=_idle,
    enabled=_enabled,
)
ERASURE = BackgroundJob(
    name="order-contact-erasure",
    describe="erasure loop of online orders' customer contacts",
    readiness=READINESS,
    start=start_erasure,
    idle_seconds=lambda settings: float(settings.order_erasure_interval_seconds),
    enabled=_enabled,
)
JOBS = (DELIVERIES, REMINDERS, ERASURE)
