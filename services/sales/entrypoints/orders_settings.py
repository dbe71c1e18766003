"""The online orders' settings, read from the environment: how long a customer has to pay
(SHOP_ORDER_PAYMENT_MINUTES) and how often unpaid orders are looked at for expiry."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrderSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    # Minutes a placed order waits for its payment before it expires and releases its stock.
    shop_order_payment_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    # How often the expiry job looks for unpaid orders past their time.
    shop_order_expiry_interval_seconds: float = Field(default=30.0, gt=0)
    shop_order_expiry_job: bool = True


def order_settings() -> OrderSettings:
    return OrderSettings()
