"""The largest values the platform takes, one set for every service.

A value one service accepts travels on to the next (a product's price from the registry to
the shop's tills, a member's name to the events and notifications read models), so every
service checks its input against these same limits: what one accepts, the next can take.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import StringConstraints

# --- money --------------------------------------------------------------------------------

# One amount: a price, a payment, a float, a budget, a whole sale. 10,000,000.00 THB.
MAX_AMOUNT_SATANG = 1_000_000_000
MAX_AMOUNT = Decimal(MAX_AMOUNT_SATANG) / 100
# The wire pattern of an amount from 0 to MAX_AMOUNT with at most 2 decimals.
AMOUNT_PATTERN = r"^((0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?|10000000(\.0{1,2})?)$"

# A sum of amounts (a day's or a period's sales, a report's totals): 13 digits of baht.
MAX_TOTAL_SATANG = 10**15 - 1
TOTAL_PATTERN = r"^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$"
SIGNED_TOTAL_PATTERN = r"^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$"

# --- text ---------------------------------------------------------------------------------

NAME_MAX = 200  # a person's, a member's or a product's name, in one language
TITLE_MAX = 300  # an event's title, a venue
DESCRIPTION_MAX = 4000  # a description, an agenda
REASON_MAX = 500  # why something was refused, cancelled, refunded or delisted
SHORT_TEXT_MAX = 500
UNIT_MAX = 30  # the unit a product is sold in: ชิ้น, กล่อง, ขวด…
TERMINAL_NAME_MAX = 100
SKU_MAX = 40
# A SKU: letters, digits, '.', '_' and '-', starting with a letter or a digit.
SKU_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9._-]{{1,{SKU_MAX - 1}}}$"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DESCRIPTION_MAX)
]
Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_MAX)
]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=UNIT_MAX)]
Sku = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SKU_PATTERN)]
