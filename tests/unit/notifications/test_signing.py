from __future__ import annotations

import pytest

from services.notifications.domain.signing import InvalidSignature, sign, verify

SECRET = "whsec_test-secret"
BODY = '{"kind":"registration_confirmed","data":{"title":"งาน OTOP"}}'.encode()


def test_a_signed_body_verifies_with_the_same_secret() -> None:
    header = sign(SECRET, BODY, timestamp=1_800_000_000)
    assert header.startswith("t=1800000000,v1=")
    verify(SECRET, BODY, header, now=1_800_000_010)


def test_a_tampered_body_is_rejected() -> None:
    header = sign(SECRET, BODY, timestamp=1_800_000_000)
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY.replace(b"OTOP", b"OTOX"), header, now=1_800_000_000)


def test_another_secret_is_rejected() -> None:
    header = sign(SECRET, BODY, timestamp=1_800_000_000)
    with pytest.raises(InvalidSignature):
        verify("whsec_other", BODY, header, now=1_800_000_000)


def test_an_old_timestamp_is_rejected_as_a_replay() -> None:
    header = sign(SECRET, BODY, timestamp=1_800_000_000)
    with pytest.raises(InvalidSignature, match="tolerance"):
        verify(SECRET, BODY, header, now=1_800_000_000 + 301)


def test_a_changed_timestamp_breaks_the_signature() -> None:
    header = sign(SECRET, BODY, timestamp=1_800_000_000)
    forged = header.replace("t=1800000000", "t=1800000100")
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY, forged, now=1_800_000_100)


@pytest.mark.parametrize("header", ["", "v1=abc", "t=123", "t=soon,v1=abc"])
def test_a_malformed_header_is_rejected(header: str) -> None:
    with pytest.raises(InvalidSignature):
        verify(SECRET, BODY, header, now=123)


@pytest.mark.parametrize("signature", ["é" * 64, "ลายเซ็น", "\udcff"])
def test_a_signature_with_characters_outside_ascii_is_refused_not_an_error(
    signature: str,
) -> None:
    header = f"t=1800000000,v1={signature}"
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY, header, now=1_800_000_000)
