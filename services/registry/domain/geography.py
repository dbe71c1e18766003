"""Production-site addresses checked against the DOPA reference data (geothai)."""

from __future__ import annotations

import re

import geothai

from shared.contracts.registry import SiteAddress
from shared.errors import InvalidInput

# ASCII digits, matched with fullmatch (`$` would also accept a trailing newline).
_PROVINCE = re.compile(r"[0-9]{2}")
_DISTRICT = re.compile(r"[0-9]{4}")
_SUBDISTRICT = re.compile(r"[0-9]{6}")


def check_province(code: str) -> geothai.Province:
    if not _PROVINCE.fullmatch(code):
        raise InvalidInput(
            f"province code {code!r} must be 2 digits (DOPA), e.g. '90' for Songkhla"
        )
    province = geothai.province(code)
    if province is None:
        raise InvalidInput(f"there is no province with code {code}")
    return province


def check_district(province_code: str, district_code: str) -> geothai.District:
    province = check_province(province_code)
    if not _DISTRICT.fullmatch(district_code):
        raise InvalidInput(f"district code {district_code!r} must be 4 digits (DOPA)")
    district = geothai.district(district_code)
    if district is None:
        raise InvalidInput(f"there is no district with code {district_code}")
    if district.province_code != province.code:
        raise InvalidInput(
            f"district {district_code} ({district.name_th}) is not in province "
            f"{province.code} ({province.name_th})"
        )
    return district


def resolve_site(
    *,
    address_line: str,
    province_code: str,
    district_code: str,
    subdistrict_code: str,
    postal_code: str | None = None,
) -> SiteAddress:
    """A site must lie in the district (and province) it registers with."""
    province = check_province(province_code)
    district = check_district(province_code, district_code)
    if not _SUBDISTRICT.fullmatch(subdistrict_code):
        raise InvalidInput(f"subdistrict code {subdistrict_code!r} must be 6 digits (DOPA)")
    subdistrict = geothai.subdistrict(subdistrict_code)
    if subdistrict is None:
        raise InvalidInput(f"there is no subdistrict with code {subdistrict_code}")
    if subdistrict.district_code != district.code:
        raise InvalidInput(
            f"subdistrict {subdistrict_code} ({subdistrict.name_th}) is not in district "
            f"{district.code} ({district.name_th})"
        )
    postal_codes = tuple(subdistrict.postal_codes)
    if postal_code is None:
        postal_code = postal_codes[0] if postal_codes else ""
    elif postal_codes and postal_code not in postal_codes:
        raise InvalidInput(
            f"postal code {postal_code} does not serve subdistrict {subdistrict.name_th}; "
            f"expected one of {', '.join(postal_codes)}"
        )
    return SiteAddress(
        address_line=address_line,
        subdistrict_code=subdistrict.code,
        district_code=district.code,
        province_code=province.code,
        postal_code=postal_code,
        subdistrict_name_th=subdistrict.name_th,
        district_name_th=district.name_th,
        province_name_th=province.name_th,
    )
