"""The sales service's settings, read from the environment at start-up."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator

from services.sales.domain.shop import DEFAULT_SHOP_CODE, SHOP_CODE_PATTERN
from shared.settings import ServiceSettings


class SalesSettings(ServiceSettings):
    # The shop this service runs (SHOP_CODE): a shop manager granted this code runs it.
    shop_code: str = Field(default=DEFAULT_SHOP_CODE, pattern=SHOP_CODE_PATTERN)
    # Where terminals reach this service (SALES_PUBLIC_URL), for the pairing QR code; unset:
    # the address the staff request came to.
    sales_public_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    # The shop's commission on consignment sales, in percent (e.g. 15.00).
    sales_commission_percent: Decimal = Field(
        default=Decimal("15.00"), ge=0, le=100, decimal_places=2
    )
    # The shop's PromptPay id (mobile number, national or tax id) for QR payments.
    sales_promptpay_id: str | None = Field(default=None, pattern=r"^[0-9+\- ]{9,20}$")
    # How far a terminal's clock may run ahead of the service's.
    sales_clock_skew_seconds: int = Field(default=300, ge=0, le=3600)
    # How often finished business days are checked for daily summaries to publish.
    sales_summary_interval_seconds: float = Field(default=60.0, gt=0)
    sales_summary_job: bool = True
    # Terminals in service (with an active key) at most; revoking a terminal's keys retires it.
    sales_max_active_terminals: int = Field(default=500, ge=1, le=100_000)
    # The shop as its receipts name it (SHOP_NAME_TH, SHOP_NAME_EN, SHOP_ADDRESS).
    shop_name_th: str = Field(default="ศูนย์จำหน่ายสินค้า OTOP", min_length=1, max_length=200)
    shop_name_en: str = Field(default="OTOP Centre Shop", min_length=1, max_length=200)
    shop_address: str | None = Field(default=None, max_length=500)
    # A VAT-registered shop (SHOP_VAT_TAX_ID set: its 13-digit tax id) issues abbreviated tax
    # invoices; SHOP_VAT_BRANCH is its branch ("00000": head office), SHOP_VAT_RATE in percent.
    shop_vat_tax_id: str | None = Field(default=None, pattern=r"^\d{13}$")
    shop_vat_branch: str = Field(default="00000", pattern=r"^\d{5}$")
    shop_vat_rate: Decimal = Field(default=Decimal("7.00"), ge=0, le=100, decimal_places=2)

    @field_validator(
        "sales_promptpay_id", "sales_public_url", "shop_address", "shop_vat_tax_id", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value
