"""The names of the places a notice speaks of (DOPA codes), in Thai and English."""

from __future__ import annotations

import geothai


def province(code: str) -> dict[str, str]:
    """A province's code and names; an unknown code stands for its own name."""
    found = geothai.province(code)
    return {
        "code": code,
        "name_th": found.name_th if found else code,
        "name_en": found.name_en if found else code,
    }
