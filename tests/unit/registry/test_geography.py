"""Production sites are checked against the DOPA reference data."""

from __future__ import annotations

import pytest

from services.registry.domain.geography import check_district, check_province, resolve_site
from shared.errors import InvalidInput


def _site(**overrides: str | None):  # type: ignore[no-untyped-def]
    args: dict[str, str | None] = {
        "address_line": "99 หมู่ 3",
        "province_code": "90",
        "district_code": "9011",
        "subdistrict_code": "901103",
        "postal_code": None,
    }
    args.update(overrides)
    return resolve_site(**args)  # type: ignore[arg-type]


def test_a_site_in_hat_yai_resolves_to_its_thai_names_and_postal_code() -> None:
    site = _site()
    assert (site.province_code, site.district_code, site.subdistrict_code) == (
        "90",
        "9011",
        "901103",
    )
    assert (site.province_name_th, site.district_name_th, site.subdistrict_name_th) == (
        "สงขลา",
        "หาดใหญ่",
        "คูเต่า",
    )
    assert site.postal_code == "90110"


def test_a_postal_code_that_serves_the_subdistrict_is_accepted() -> None:
    assert _site(postal_code="90110").postal_code == "90110"
    # Suan Chitlada (Dusit, Bangkok) is served by two postal codes.
    site = _site(
        province_code="10", district_code="1002", subdistrict_code="100203", postal_code="10303"
    )
    assert site.postal_code == "10303"


@pytest.mark.parametrize("code", ["99", "00", "9", "900", "ab", "๙๐", "90\n"])
def test_an_unknown_province_is_invalid_input_naming_the_code(code: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        _site(province_code=code)
    assert repr(code) in raised.value.detail or code in raised.value.detail
    with pytest.raises(InvalidInput):
        check_province(code)


def test_a_district_not_in_the_province_is_invalid_input_naming_both() -> None:
    with pytest.raises(InvalidInput) as raised:
        _site(province_code="90", district_code="4001", subdistrict_code="400101")
    assert "4001" in raised.value.detail
    assert "90" in raised.value.detail
    with pytest.raises(InvalidInput, match="4001"):
        check_district("90", "4001")


@pytest.mark.parametrize("code", ["9099", "901", "x011", "9011\n"])
def test_an_unknown_or_malformed_district_is_invalid_input_naming_the_code(code: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        _site(district_code=code)
    assert code.strip() in raised.value.detail


def test_a_subdistrict_not_in_the_district_is_invalid_input_naming_it() -> None:
    # 900101 (Bo Yang) lies in Mueang Songkhla, not in Hat Yai.
    with pytest.raises(InvalidInput) as raised:
        _site(subdistrict_code="900101")
    assert "900101" in raised.value.detail
    assert "9011" in raised.value.detail


@pytest.mark.parametrize("code", ["901199", "90110", "9011033", "๙๐๑๑๐๓"])
def test_an_unknown_or_malformed_subdistrict_is_invalid_input_naming_the_code(
    code: str,
) -> None:
    with pytest.raises(InvalidInput, match=code):
        _site(subdistrict_code=code)


def test_a_postal_code_that_does_not_serve_the_subdistrict_is_invalid_input_naming_it() -> None:
    with pytest.raises(InvalidInput) as raised:
        _site(postal_code="90000")
    assert "90000" in raised.value.detail
    assert "90110" in raised.value.detail
