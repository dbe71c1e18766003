"""The shop a sales service runs: every terminal, shift, sale and settlement it keeps is that
shop's (booths at events included). Its code is the area a shop manager is granted."""

from __future__ import annotations

DEFAULT_SHOP_CODE = "centre"
SHOP_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"
