"""The notifications service's settings: the shared ones plus its channels and worker.

Secrets (LINE access token, SMS gateway token, SMTP password) have no defaults; a channel
whose settings are missing is not configured and is skipped in a member's channel order.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr, field_validator

from shared.settings import ServiceSettings


class NotificationSettings(ServiceSettings):
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "OTOP Network <no-reply@otop.local>"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_use_tls: bool = False
    smtp_start_tls: bool = False

    line_api_base_url: str = "https://api.line.me"
    line_channel_access_token: SecretStr | None = None

    sms_gateway_url: str | None = None
    sms_gateway_token: SecretStr | None = None

    channel_timeout_seconds: float = Field(default=10.0, gt=0)
    # Attempts on one channel before it counts as failed for good and the next is tried.
    delivery_max_attempts: int = Field(default=5, ge=1, le=50)
    delivery_backoff_initial_seconds: float = Field(default=5.0, gt=0)
    delivery_backoff_max_seconds: float = Field(default=600.0, gt=0)
    # How long a claimed job may stay "sending" before another worker takes it over.
    delivery_lease_seconds: float = Field(default=60.0, gt=0)
    delivery_batch_size: int = Field(default=20, ge=1, le=500)
    worker_poll_interval_seconds: float = Field(default=1.0, gt=0)
    workers_enabled: bool = True
    # Partner webhook subscriptions that may be active at once (a 409 beyond).
    webhook_max_active: int = Field(default=50, ge=1, le=10_000)
    # The contact of an online order's customer is erased this many days after the order
    # ended (completed, cancelled, expired), and at most this many days after it was placed.
    order_contact_retention_days: int = Field(default=90, ge=1, le=3650)
    order_contact_max_days: int = Field(default=365, ge=1, le=3650)
    order_erasure_interval_seconds: float = Field(default=3600.0, gt=0)

    @field_validator(
        "smtp_host",
        "smtp_username",
        "smtp_password",
        "line_channel_access_token",
        "sms_gateway_url",
        "sms_gateway_token",
        mode="before",
    )
    @classmethod
    def _empty_is_not_configured(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value
