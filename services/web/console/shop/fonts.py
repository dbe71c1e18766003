"""The Sarabun typeface files (fontpkg-sarabun), for PDFs and charts."""

from __future__ import annotations

from pathlib import Path


def font_file(weight: str = "Regular") -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "files" / f"Sarabun-{weight}.ttf"
