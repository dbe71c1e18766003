"""A community's village: a DOPA subdistrict and its village number (หมู่ที่), checked
against the DOPA reference data (geothai) like a member's production site."""

from __future__ import annotations

import re

import geothai

from services.registry.domain.geography import check_district
from shared.contracts.communities import Village
from shared.errors import InvalidInput

_SUBDISTRICT = re.compile(r"[0-9]{6}")
# Villages are numbered from 1 in each subdistrict; none has reached 50.
HIGHEST_VILLAGE_NO = 50


def resolve_village(
    *,
    province_code: str,
    district_code: str,
    subdistrict_code: str,
    village_no: int,
    village_name_th: str | None = None,
) -> Village:
    """The village with the Thai and English names of its area; the subdistrict must lie
    in the district, the district in the province."""
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
    if not 1 <= village_no <= HIGHEST_VILLAGE_NO:
        raise InvalidInput(
            f"หมู่ที่ {village_no} ไม่มีอยู่จริง / village number {village_no} must be from 1 "
            f"to {HIGHEST_VILLAGE_NO}"
        )
    province = geothai.province(province_code)
    assert province is not None  # check_district checked it
    return Village(
        province_code=province.code,
        district_code=district.code,
        subdistrict_code=subdistrict.code,
        village_no=village_no,
        village_name_th=village_name_th,
        province_name_th=province.name_th,
        district_name_th=district.name_th,
        subdistrict_name_th=subdistrict.name_th,
        province_name_en=province.name_en,
        district_name_en=district.name_en,
        subdistrict_name_en=subdistrict.name_en,
    )
