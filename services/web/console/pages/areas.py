"""DOPA area pickers: province → district → subdistrict selects, chained by htmx.

The picker is one fragment re-rendered whole whenever a select changes, so a district that
no longer lies in the chosen province (or a subdistrict outside the district) drops out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import geothai
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.web.console.kit import SignedIn, render

router = APIRouter(prefix="/console/areas")

PICKER = "console/members/_area_picker.html"


@dataclass(frozen=True)
class AreaPicker:
    """What a picker shows: the choices at each level and what is chosen."""

    provinces: list[Any]
    districts: list[Any]
    subdistricts: list[Any]
    province_code: str
    district_code: str
    subdistrict_code: str
    levels: int
    required: bool


def area_picker(
    province_code: str | None = None,
    district_code: str | None = None,
    subdistrict_code: str | None = None,
    *,
    levels: int = 3,
    required: bool = True,
) -> AreaPicker:
    """The picker for these codes; a code that does not lie in the level above is dropped."""
    province = geothai.province(province_code) if province_code else None
    districts = geothai.districts(province.code) if province else []
    district = next((d for d in districts if d.code == district_code), None)
    subdistricts = geothai.subdistricts(district.code) if district and levels > 2 else []
    subdistrict = next((s for s in subdistricts if s.code == subdistrict_code), None)
    return AreaPicker(
        provinces=sorted(geothai.provinces(), key=lambda p: p.name_th),
        districts=districts,
        subdistricts=subdistricts,
        province_code=province.code if province else "",
        district_code=district.code if district else "",
        subdistrict_code=subdistrict.code if subdistrict else "",
        levels=max(1, min(levels, 3)),
        required=required,
    )


@router.get("/picker", response_class=HTMLResponse)
async def picker(
    request: Request,
    session: SignedIn,
    province_code: Annotated[str, Query(max_length=2)] = "",
    district_code: Annotated[str, Query(max_length=4)] = "",
    subdistrict_code: Annotated[str, Query(max_length=6)] = "",
    levels: Annotated[int, Query(ge=1, le=3)] = 3,
    required: Annotated[bool, Query()] = True,
) -> HTMLResponse:
    """The picker fragment for the chosen codes (htmx swaps it in place of the old one)."""
    chosen = area_picker(
        province_code, district_code, subdistrict_code, levels=levels, required=required
    )
    return render(request, PICKER, {"picker": chosen})
