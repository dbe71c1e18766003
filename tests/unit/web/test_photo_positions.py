"""A photo's wanted place, as a form sends it: a few ASCII digits, nothing else."""

from __future__ import annotations

import pytest

from services.web.domain.photos import position_of


@pytest.mark.parametrize("text, expected", [("1", 1), (" 3 ", 3), ("0", 0), ("9999", 9999)])
def test_a_position_in_plain_digits_is_read(text: str, expected: int) -> None:
    assert position_of(text) == expected


@pytest.mark.parametrize("text", ["", None, "²", "๓", "-1", "1.5", "9" * 5000, "1e3", "x"])
def test_anything_else_is_no_position(text: object) -> None:
    assert position_of(text) is None
