"""PromptPay payloads against the published examples of the promptpay-qr library."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.sales.domain.promptpay import crc16_ccitt, payload
from shared.errors import InvalidInput


@pytest.mark.parametrize(
    ("promptpay_id", "amount", "expected"),
    [
        (
            "0801234567",
            None,
            "00020101021129370016A000000677010111011300668012345675802TH530376463046197",
        ),
        (
            "080-123-4567",
            None,
            "00020101021129370016A000000677010111011300668012345675802TH530376463046197",
        ),
        (
            "+66-89-123-4567",
            None,
            "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1",
        ),
        (
            "1111111111111",
            None,
            "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A",
        ),
        (
            "0123456789012",
            None,
            "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD",
        ),
        (
            "000-000-0000",
            Decimal("4.22"),
            "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469",
        ),
    ],
)
def test_payload_matches_published_examples(promptpay_id, amount, expected):
    assert payload(promptpay_id, amount) == expected


def test_crc_is_ccitt_false():
    assert crc16_ccitt(b"123456789") == 0x29B1


def test_an_id_that_is_neither_phone_nor_tax_id_is_refused():
    with pytest.raises(InvalidInput):
        payload("12345")


def test_the_largest_amount_fits_the_thirteen_characters_of_its_field():
    assert "54139999999999.99" in payload("0801234567", Decimal("9999999999.99"))
    with pytest.raises(InvalidInput, match="too large"):
        payload("0801234567", Decimal("10000000000.00"))
