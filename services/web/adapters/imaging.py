"""Photos made ready with Pillow: the upload checked to be a JPEG, PNG or WebP picture, turned
upright by its EXIF orientation, and resized to each served size and format without any of
its metadata (no EXIF, no GPS, no ICC profile)."""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from services.web.domain.photos import (
    ACCEPTED_TYPES,
    FORMATS,
    MAX_BYTES,
    MAX_PIXELS,
    MIN_SIDE,
    NOT_AN_IMAGE,
    SIZES,
    TOO_LARGE,
    TOO_MANY_PIXELS,
    TOO_SMALL,
    NotAnImage,
    PhotoFile,
    PhotoTooLarge,
    PreparedPhoto,
    variant_name,
)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _opened(data: bytes) -> Image.Image:
    if len(data) > MAX_BYTES:
        raise PhotoTooLarge(TOO_LARGE.format(limit=MAX_BYTES // (1024 * 1024)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_TYPES:
                raise NotAnImage(NOT_AN_IMAGE)
            if image.width * image.height > MAX_PIXELS:
                raise PhotoTooLarge(TOO_MANY_PIXELS)
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise NotAnImage(NOT_AN_IMAGE) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoTooLarge(TOO_MANY_PIXELS) from exc
    return image


def _flattened(image: Image.Image) -> Image.Image:
    """RGB on a white ground (transparent parts of a PNG or WebP become white)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        ground = Image.new("RGB", rgba.size, (255, 255, 255))
        ground.paste(rgba, mask=rgba.getchannel("A"))
        return ground
    return image.convert("RGB")


def _encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    else:
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def prepare(data: bytes) -> PreparedPhoto:
    """The upload checked and resized; NotAnImage or PhotoTooLarge when it is refused."""
    image = _opened(data)
    original_type = ACCEPTED_TYPES[str(image.format)]
    upright = _flattened(ImageOps.exif_transpose(image))
    if min(upright.size) < MIN_SIDE:
        raise NotAnImage(TOO_SMALL.format(side=MIN_SIDE))
    variants: dict[str, PhotoFile] = {}
    for size in SIZES:
        resized = upright.copy()
        resized.thumbnail((size, size), Image.Resampling.LANCZOS)
        for fmt, content_type in FORMATS.items():
            body = _encoded(resized, fmt)
            variants[variant_name(size, fmt)] = PhotoFile(content_type, etag_of(body), body)
    return PreparedPhoto(
        original=PhotoFile(original_type, etag_of(data), data),
        width=upright.width,
        height=upright.height,
        variants=variants,
    )
