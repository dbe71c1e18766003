"""Uploads made ready for the public pages with Pillow: refusals, transparency, sizes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.web.adapters.imaging import prepare
from services.web.domain.photos import VARIANTS, NotAnImage, PhotoTooLarge


def _encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def test_a_transparent_png_is_served_on_white_in_every_size_and_format() -> None:
    image = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    prepared = prepare(_encoded(image, "PNG"))

    assert prepared.original.content_type == "image/png"
    assert set(prepared.variants) == set(VARIANTS)
    small = Image.open(io.BytesIO(prepared.variants["320.jpg"].body))
    assert small.size == (320, 160)
    assert small.getpixel((10, 10)) >= (250, 250, 250)
    assert prepared.variants["960.webp"].content_type == "image/webp"
    # never enlarged beyond the upload
    assert Image.open(io.BytesIO(prepared.variants["960.webp"].body)).size == (400, 200)


def test_a_gif_or_a_text_file_is_not_taken_as_a_photo() -> None:
    with pytest.raises(NotAnImage, match="JPEG, PNG หรือ WebP"):
        prepare(_encoded(Image.new("P", (100, 100)), "GIF"))
    with pytest.raises(NotAnImage):
        prepare(b"<svg xmlns='http://www.w3.org/2000/svg'/>")


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened() -> None:
    with pytest.raises(PhotoTooLarge, match="10 MB"):
        prepare(b"\x89PNG" + bytes(11 * 1024 * 1024))


def test_a_picture_of_too_many_pixels_is_refused() -> None:
    # A tiny file claiming 10000×10000 pixels (a decompression bomb).
    with pytest.raises(PhotoTooLarge, match="พิกเซล"):
        prepare(_encoded(Image.new("1", (10000, 10000)), "PNG"))


def test_the_etag_names_the_bytes_served() -> None:
    first = prepare(_encoded(Image.new("RGB", (100, 100), "red"), "PNG"))
    second = prepare(_encoded(Image.new("RGB", (100, 100), "blue"), "PNG"))
    assert first.variants["320.webp"].etag != second.variants["320.webp"].etag
    assert first.variants["320.webp"].etag.startswith('"')
