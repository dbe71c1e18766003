"""What the web front reads from its environment."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import Environment


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    otop_env: Environment = Environment.DEVELOPMENT
    # The web front's own Postgres role; it can use only the `web` schema.
    database_url: SecretStr
    # Machines (the demo loader) manage staff accounts over /v1/staff with this token.
    admin_token: SecretStr
    # The Ed25519 private key (PEM) staff tokens are signed with; the services verify them
    # with its public key (STAFF_TOKEN_PUBLIC_KEY). Without it, in development only, a key is
    # made at start-up (the services then accept no token from this process).
    staff_token_private_key: SecretStr | None = None
    registry_url: str = "http://127.0.0.1:8001"
    events_url: str = "http://127.0.0.1:8002"
    sales_url: str = "http://127.0.0.1:8003"
    notifications_url: str = "http://127.0.0.1:8004"
    # The shop the sales service runs (its SHOP_CODE) and its name on statements.
    shop_code: str = "centre"
    shop_name: str = "ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น / Khon Kaen OTOP centre shop"
    service_timeout_seconds: float = Field(default=15.0, gt=0)
    session_idle_minutes: float = Field(default=30.0, gt=0)
    session_longest_hours: float = Field(default=12.0, gt=0)
    # Send the session cookie over HTTPS only (on behind TLS; off for http://127.0.0.1).
    cookie_secure: bool = False
    login_max_failures: int = Field(default=5, ge=1)
    login_lock_minutes: float = Field(default=15.0, gt=0)
    # Failed sign-ins from one address (any account) before that address waits.
    login_max_failures_per_address: int = Field(default=20, ge=1)
    db_pool_min_size: int = Field(default=1, ge=0)
    db_pool_max_size: int = Field(default=10, ge=1)
    log_level: str = "INFO"
    log_format: str = "auto"

    @field_validator("admin_token")
    @classmethod
    def _token_is_strong_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 16:
            raise ValueError("ADMIN_TOKEN must be at least 16 characters")
        return value

    def service_urls(self) -> dict[str, str]:
        return {
            "registry": self.registry_url.rstrip("/"),
            "events": self.events_url.rstrip("/"),
            "sales": self.sales_url.rstrip("/"),
            "notifications": self.notifications_url.rstrip("/"),
        }
