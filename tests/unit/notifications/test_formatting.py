from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.notifications.domain.formatting import format_baht, format_date, format_datetime


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1250.50", "1,250.50 บาท"),
        (Decimal("0"), "0.00 บาท"),
        ("1234567.05", "1,234,567.05 บาท"),
        ("-12.5", "-12.50 บาท"),
        (Decimal("999.99"), "999.99 บาท"),
    ],
)
def test_baht_is_written_with_thousands_separators_and_satang(amount, expected) -> None:
    assert format_baht(amount) == expected


def test_baht_in_english_uses_the_currency_code() -> None:
    assert format_baht("22545", "en") == "THB 22,545.00"


def test_thai_dates_use_the_buddhist_era_and_thai_month_names() -> None:
    assert format_date(date(2026, 11, 21)) == "21 พฤศจิกายน 2569"
    assert format_date("2024-01-01") == "1 มกราคม 2567"
    assert format_date(date(2026, 11, 21), "en") == "21 November 2026"


def test_a_moment_is_shown_in_bangkok_time() -> None:
    moment = datetime(2026, 12, 4, 20, 30, tzinfo=UTC)  # 03:30 next day in Bangkok
    assert format_datetime(moment) == "5 ธันวาคม 2569 เวลา 03:30 น."
    assert format_datetime(moment.isoformat(), "en") == "5 December 2026, 03:30"
    assert format_date(moment) == "5 ธันวาคม 2569"


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        format_datetime(datetime(2026, 12, 4, 20, 30))
