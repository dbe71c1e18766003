"""The notifications service (port 8004): bootstrap and the ASGI app factory.

Consumers keep the contacts, registrations and reminder schedule and queue deliveries;
two background loops, started after the broker, send due deliveries and due reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.notifications.adapters.channels.base import ChannelClient
from services.notifications.adapters.channels.email import EmailClient, SmtpConfig
from services.notifications.adapters.channels.line import LineClient
from services.notifications.adapters.channels.sms import SmsClient
from services.notifications.adapters.channels.webhook import WebhookClient
from services.notifications.adapters.templates import TemplateRenderer
from services.notifications.domain.backoff import Backoff
from services.notifications.entrypoints.api import router as api_router
from services.notifications.entrypoints.subscribers import (
    CONSUMED_TOPICS,
    HANDLERS,
    build_consumers,
    register_subscribers,
)
from services.notifications.service_layer.background import BackgroundLoop
from services.notifications.service_layer.delivery_worker import DeliveryWorker, RetryPolicy
from services.notifications.service_layer.reminders import send_due_reminders
from services.notifications.service_layer.unit_of_work import (
    SCHEMA,
    NotificationsUnitOfWork,
    PostgresNotificationsUnitOfWork,
)
from services.notifications.settings import NotificationSettings
from shared.contracts.catalogue import NOTIFICATIONS_DELIVERIES
from shared.contracts.notifications import Channel
from shared.http.app import ServiceDefinition, build_app
from shared.http.observability import ReadinessCheck
from shared.logging import configure_logging, get_logger

PORT = 8004
MIGRATIONS = Path(__file__).parent / "migrations"

log = get_logger(__name__)


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


def bootstrap(app: FastAPI, pool: asyncpg.Pool, router: KafkaRouter) -> None:
    app.state.uow_factory = lambda: PostgresNotificationsUnitOfWork(pool)
    app.state.consumers = build_consumers(app, router, HANDLERS)


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


def subscribers(router: KafkaRouter, app: FastAPI) -> None:
    register_subscribers(router, app)
    settings: NotificationSettings = app.state.settings

    @router.after_startup
    async def start_workers(app: FastAPI) -> None:
        if not settings.workers_enabled:
            log.warning("delivery and reminder workers disabled in this process")
            return
        http = httpx.AsyncClient(timeout=settings.channel_timeout_seconds)
        app.state.http = http
        worker = build_delivery_worker(
            app.state.uow_factory, settings, http, batch_size=settings.delivery_batch_size
        )
        app.state.delivery_worker = worker
        app.state.delivery_loop = BackgroundLoop(
            "deliveries", worker.run_once, settings.worker_poll_interval_seconds
        )
        app.state.reminder_loop = BackgroundLoop(
            "reminders",
            lambda: send_due_reminders(app.state.uow_factory()),
            settings.worker_poll_interval_seconds,
        )
        app.state.delivery_loop.start()
        app.state.reminder_loop.start()

    @router.on_broker_shutdown
    async def stop_workers(app: FastAPI) -> None:
        for name in ("delivery_loop", "reminder_loop"):
            loop: BackgroundLoop | None = getattr(app.state, name, None)
            if loop is not None:
                await loop.stop()
        http: httpx.AsyncClient | None = getattr(app.state, "http", None)
        if http is not None:
            await http.aclose()


def background_work_ready(app: FastAPI) -> dict[str, ReadinessCheck]:
    """/readyz also says whether this process's delivery and reminder workers run."""

    async def workers_running() -> None:
        settings: NotificationSettings = app.state.settings
        if not settings.workers_enabled:
            return
        for name in ("delivery_loop", "reminder_loop"):
            loop: BackgroundLoop | None = getattr(app.state, name, None)
            if loop is None or not loop.running:
                raise RuntimeError(f"the {name.replace('_', ' ')} is not running")

    return {"delivery_workers": workers_running}


DEFINITION = ServiceDefinition(
    name=SCHEMA,
    title="OTOP notifications",
    description=(
        "Tells members what matters to them, in Thai by default, on the channels they chose "
        "(LINE, e-mail, SMS) and sends signed copies to partner webhooks. Reads the registry, "
        "events and sales topics; publishes notifications.deliveries.v1."
    ),
    migrations=MIGRATIONS,
    publishes=(NOTIFICATIONS_DELIVERIES,),
    routers=[api_router],
    bootstrap=bootstrap,
    subscribers=subscribers,
    consumed_topics=CONSUMED_TOPICS,
    readiness=background_work_ready,
)


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    settings = settings or NotificationSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=SCHEMA)
    return build_app(DEFINITION, settings)
