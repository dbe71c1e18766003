"""Product photos through the console over the real registry: uploads are turned upright,
resized and stripped of metadata, served with long caching and ETags; non-images, oversize
files and staff without the right to the product are refused; photos are reordered and
removed."""

from __future__ import annotations

import io
import re
from typing import Any

import httpx
from PIL import Image

from tests.integration.registry.helpers import list_product, register
from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack

PHOTO_ID = re.compile(r'data-photo-id="([0-9a-f-]{36})"')
ORIENTATION, GPS_INFO = 0x0112, 0x8825


def camera_jpeg(width: int = 1200, height: int = 800, colour: str = "red") -> bytes:
    """A JPEG as a phone takes it: stored sideways with EXIF orientation 6 (turn 90° right)
    and a GPS position in its metadata."""
    image = Image.new("RGB", (width, height), colour)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS_INFO] = {1: "N", 2: (16.0, 26.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


async def _product(shop_stack: ShopStack) -> dict[str, Any]:
    member = await register(shop_stack.registry)  # a member in district 9011 (Hat Yai)
    return await list_product(shop_stack.registry, member["member_id"])


async def _upload(
    client: httpx.AsyncClient, product_id: str, *files: tuple[str, bytes, str]
) -> httpx.Response:
    page = await client.get(f"/console/products/{product_id}/photos")
    assert page.status_code == 200, page.text
    return await client.post(
        f"/console/products/{product_id}/photos",
        data={"csrf_token": csrf_of(page.text)},
        files=[("photo", f) for f in files],
    )


async def _photo_ids(client: httpx.AsyncClient, product_id: str) -> list[str]:
    page = await client.get(f"/console/products/{product_id}/photos")
    return PHOTO_ID.findall(page.text)


async def test_an_uploaded_photo_is_served_upright_resized_without_metadata_and_cached(
    shop_stack: ShopStack, console: Console
) -> None:
    product = await _product(shop_stack)
    manager = await console("shop_manager", "centre")

    sent = await _upload(manager, product["product_id"], ("yo.jpg", camera_jpeg(), "image/jpeg"))
    assert sent.status_code == 303, sent.text
    [photo_id] = await _photo_ids(manager, product["product_id"])

    web = shop_stack.web
    small = await web.get(f"/photos/{photo_id}/320.webp")
    assert small.status_code == 200
    assert small.headers["content-type"] == "image/webp"
    assert small.headers["cache-control"] == "public, max-age=31536000, immutable"
    served = Image.open(io.BytesIO(small.content))
    assert served.format == "WEBP"
    assert served.size == (213, 320)  # 1200×800 stored sideways: upright it is 800×1200
    assert not served.getexif()
    large = await web.get(f"/photos/{photo_id}/960.jpg")
    assert large.headers["content-type"] == "image/jpeg"
    big = Image.open(io.BytesIO(large.content))
    assert big.size == (640, 960)
    assert not big.getexif() and "exif" not in big.info
    assert big.getpixel((320, 480))[0] > 200  # still red

    again = await web.get(
        f"/photos/{photo_id}/320.webp", headers={"If-None-Match": small.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    assert (await web.get(f"/photos/{photo_id}/original")).status_code == 404
    assert (await web.get(f"/photos/{photo_id}/5000.webp")).status_code == 404


async def test_a_file_that_is_not_a_photo_or_is_too_large_is_refused_with_a_clear_message(
    shop_stack: ShopStack, console: Console
) -> None:
    product = await _product(shop_stack)
    manager = await console("shop_manager", "centre")

    text = await _upload(manager, product["product_id"], ("list.jpg", b"not a photo", "image/jpeg"))
    assert text.status_code == 415
    assert "ไม่ใช่รูปภาพ" in text.text

    huge = await _upload(
        manager, product["product_id"], ("big.jpg", b"\xff\xd8" + b"0" * (11 << 20), "image/jpeg")
    )
    assert huge.status_code == 413
    assert "ใหญ่เกิน 10 MB" in huge.text

    tiny = io.BytesIO()
    Image.new("RGB", (20, 20)).save(tiny, "PNG")
    small = await _upload(manager, product["product_id"], ("dot.png", tiny.getvalue(), "image/png"))
    assert small.status_code == 415 and "เล็กเกินไป" in small.text
    assert await _photo_ids(manager, product["product_id"]) == []


async def test_staff_of_another_district_see_the_photos_but_may_not_change_them(
    shop_stack: ShopStack, console: Console
) -> None:
    product = await _product(shop_stack)
    officer = await console("district_officer", "9011")
    assert (
        await _upload(officer, product["product_id"], ("a.jpg", camera_jpeg(), "image/jpeg"))
    ).status_code == 303

    stranger = await console("district_officer", "4001")
    page = await stranger.get(f"/console/products/{product['product_id']}/photos")
    assert page.status_code == 200
    assert len(PHOTO_ID.findall(page.text)) == 1
    assert 'type="file"' not in page.text and "ลบรูป" not in page.text
    refused = await _upload(stranger, product["product_id"], ("b.jpg", camera_jpeg(), "image/jpeg"))
    assert refused.status_code == 403
    [photo_id] = PHOTO_ID.findall(page.text)
    removal = await stranger.post(
        f"/console/products/{product['product_id']}/photos/{photo_id}/remove",
        data={"csrf_token": csrf_of(page.text)},
    )
    assert removal.status_code == 403
    assert await _photo_ids(officer, product["product_id"]) == [photo_id]


async def test_photos_are_reordered_and_removed_keeping_positions_without_gaps(
    shop_stack: ShopStack, console: Console
) -> None:
    product = await _product(shop_stack)
    product_id = product["product_id"]
    manager = await console("shop_manager", "centre")
    sent = await _upload(
        manager,
        product_id,
        ("1.jpg", camera_jpeg(colour="red"), "image/jpeg"),
        ("2.jpg", camera_jpeg(colour="green"), "image/jpeg"),
        ("3.jpg", camera_jpeg(colour="blue"), "image/jpeg"),
    )
    assert sent.status_code == 303, sent.text
    first, second, third = await _photo_ids(manager, product_id)
    token = csrf_of((await manager.get(f"/console/products/{product_id}/photos")).text)

    moved = await manager.post(
        f"/console/products/{product_id}/photos/{third}/move",
        data={"csrf_token": token, "position": "1"},
    )
    assert moved.status_code == 303
    assert await _photo_ids(manager, product_id) == [third, first, second]
    for odd in ("²", "9" * 5000, "-1"):
        refused = await manager.post(
            f"/console/products/{product_id}/photos/{second}/move",
            data={"csrf_token": token, "position": odd},
        )
        assert refused.status_code == 422, refused.text
        assert "ลำดับไม่ถูกต้อง" in refused.text
    assert await _photo_ids(manager, product_id) == [third, first, second]

    removed = await manager.post(
        f"/console/products/{product_id}/photos/{first}/remove", data={"csrf_token": token}
    )
    assert removed.status_code == 303
    assert await _photo_ids(manager, product_id) == [third, second]
    page = (await manager.get(f"/console/products/{product_id}/photos")).text
    assert "รูปที่ 1" in page and "รูปที่ 2" in page and "รูปที่ 3" not in page
    assert (await shop_stack.web.get(f"/photos/{first}/320.webp")).status_code == 404
