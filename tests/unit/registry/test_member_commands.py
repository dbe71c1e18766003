"""The member commands' own checks: names, phone numbers, e-mail addresses and LINE ids."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.registry.service_layer import commands
from tests.integration.registry.payloads import member_payload


def test_a_thai_name_longer_than_200_characters_is_refused_by_the_command() -> None:
    with pytest.raises(ValidationError, match="200"):
        commands.RegisterMember.model_validate(member_payload(name_th="ก" * 201))
    accepted = commands.RegisterMember.model_validate(member_payload(name_th="ก" * 200))
    assert len(accepted.name_th) == 200


@pytest.mark.parametrize("phone", ["12345", "08123456789012", "phone", "0๘๑๒๓๔๕๖๗๘"])
def test_a_contact_phone_that_is_not_thai_is_refused(phone: str) -> None:
    payload = member_payload()
    payload["contact"] = {**payload["contact"], "phone": phone}
    with pytest.raises(ValidationError, match="phone"):
        commands.RegisterMember.model_validate(payload)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "somsri@example.org\n"),
        ("email", "somsri@example"),
        ("line_id", "somsri.kt\n"),
        ("line_id", "ชื่อไลน์"),
        ("line_id", "a" * 21),
    ],
)
def test_a_contact_email_or_line_id_must_be_exactly_well_formed(field: str, value: str) -> None:
    payload = member_payload()
    payload["contact"] = {**payload["contact"], field: value}
    with pytest.raises(ValidationError, match=field):
        commands.RegisterMember.model_validate(payload)


@pytest.mark.parametrize(
    ("given", "stored"),
    [("081-234-5678", "0812345678"), ("+66 81 234 5678", "+66812345678"), ("021234567", None)],
)
def test_a_thai_phone_number_is_kept_without_spaces_or_dashes(
    given: str, stored: str | None
) -> None:
    contact = commands.ContactInput(name="นางสมศรี ใจดี", phone=given)
    assert contact.phone == (stored or given)
