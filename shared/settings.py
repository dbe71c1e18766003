"""Settings every service reads from its environment, built once at start-up."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class KafkaSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KAFKA_", extra="ignore")

    bootstrap_servers: str = "localhost:9092"
    topic_partitions: int = Field(default=6, ge=1, le=1000)
    replication_factor: int = Field(default=1, ge=1, le=10)


class ServiceSettings(BaseSettings):
    """What one service process needs: its own database role, the broker, the admin token."""

    model_config = SettingsConfigDict(extra="ignore")

    otop_env: Environment = Environment.DEVELOPMENT
    # The service's own Postgres role; it can use only its own schema.
    database_url: SecretStr
    admin_token: SecretStr
    # The web front's Ed25519 public key (PEM) that staff tokens are verified with; without
    # it the service accepts no staff token, only the admin token and its own credentials.
    staff_token_public_key: str | None = None
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    db_pool_min_size: int = Field(default=1, ge=0)
    db_pool_max_size: int = Field(default=10, ge=1)
    outbox_relay: bool = True
    outbox_poll_interval_seconds: float = Field(default=1.0, gt=0)
    outbox_retention_hours: float = Field(default=168.0, gt=0)
    outbox_batch_size: int = Field(default=500, ge=1, le=10_000)
    # /readyz fails when an event waits longer than this to be published, or a consumer that
    # is behind has not moved for this long.
    outbox_ready_max_pending_seconds: float = Field(default=60.0, gt=0)
    consumer_ready_stall_seconds: float = Field(default=60.0, gt=0)
    log_level: str = "INFO"
    log_format: str = "auto"

    @field_validator("admin_token")
    @classmethod
    def _token_is_strong_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 16:
            raise ValueError("ADMIN_TOKEN must be at least 16 characters")
        return value

    @model_validator(mode="after")
    def _production_needs_a_long_token(self) -> ServiceSettings:
        if (
            self.otop_env is Environment.PRODUCTION
            and len(self.admin_token.get_secret_value()) < 32
        ):
            raise ValueError("in production ADMIN_TOKEN must be at least 32 characters")
        return self
