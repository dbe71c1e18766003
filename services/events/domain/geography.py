"""Province codes checked against the DOPA reference data (geothai)."""

from __future__ import annotations

import re

import geothai

from shared.errors import InvalidInput

_PROVINCE = re.compile(r"[0-9]{2}")


def check_province(code: str) -> str:
    if not _PROVINCE.fullmatch(code):
        raise InvalidInput(
            f"province code {code!r} must be 2 digits (DOPA), e.g. '90' for Songkhla"
        )
    if geothai.province(code) is None:
        raise InvalidInput(f"there is no province with code {code}")
    return code
