"""The online orders' settings, read from the environment: how long a customer has to pay
(SHOP_ORDER_PAYMENT_MINUTES), how often unpaid orders are looked at for expiry, the secret
the customers' access codes are derived with (SHOP_ORDER_CODE_SECRET: required in
production) and how long a customer's personal data is kept on an order
(SHOP_ORDER_CONTACT_RETENTION_DAYS after it ended, SHOP_ORDER_OPEN_RETENTION_DAYS after it
was placed when it never ends)."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import Environment

# Known to everyone who reads this file: good for a development machine only.
DEVELOPMENT_CODE_SECRET = "development-only-order-access-code-secret"
MIN_SECRET_LENGTH = 32


class OrderSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    otop_env: Environment = Environment.DEVELOPMENT
    # Minutes a placed order waits for its payment before it expires and releases its stock.
    shop_order_payment_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    # How often the expiry job looks for unpaid orders past their time.
    shop_order_expiry_interval_seconds: float = Field(default=30.0, gt=0)
    shop_order_expiry_job: bool = True
    # The customers' access codes are an HMAC of the order id with this secret, so a retried
    # order is told its code again though only the code's hash is kept.
    shop_order_code_secret: SecretStr = SecretStr(DEVELOPMENT_CODE_SECRET)
    # Days the customer's name, contact and address stay on an order after it ended
    # (completed, cancelled, expired), and after it was placed when it never ends.
    shop_order_contact_retention_days: int = Field(default=90, ge=1, le=3650)
    shop_order_open_retention_days: int = Field(default=365, ge=1, le=3650)
    # How often the erasure job looks for orders whose personal data is due to go.
    shop_order_erasure_interval_seconds: float = Field(default=3600.0, gt=0)
    shop_order_erasure_job: bool = True

    @model_validator(mode="after")
    def _production_needs_its_own_secret(self) -> OrderSettings:
        secret = self.shop_order_code_secret.get_secret_value()
        if self.otop_env is Environment.PRODUCTION and (
            secret == DEVELOPMENT_CODE_SECRET or len(secret) < MIN_SECRET_LENGTH
        ):
            raise ValueError(
                f"in production SHOP_ORDER_CODE_SECRET must be set, at least "
                f"{MIN_SECRET_LENGTH} characters"
            )
        if len(secret) < 16:
            raise ValueError("SHOP_ORDER_CODE_SECRET must be at least 16 characters")
        return self

    @property
    def code_secret(self) -> bytes:
        return self.shop_order_code_secret.get_secret_value().encode()


def order_settings() -> OrderSettings:
    return OrderSettings()
