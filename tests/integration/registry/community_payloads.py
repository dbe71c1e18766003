"""Realistic request bodies for the registry's community routes: a Nawatwithi community in
Hat Yai (district 9011 of Songkhla), where the default member's site lies."""

from __future__ import annotations

from typing import Any

KHU_TAO_VILLAGE = {
    "province_code": "90",
    "district_code": "9011",
    "subdistrict_code": "901103",
    "village_no": 3,
    "village_name_th": "บ้านคูเต่า",
}


def community_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name_th": "ชุมชนท่องเที่ยว OTOP นวัตวิถีบ้านคูเต่า",
        "name_en": "Ban Khu Tao OTOP Nawatwithi Community",
        "village": dict(KHU_TAO_VILLAGE),
        "story_th": "ชุมชนริมคลองอู่ตะเภา ตลาดน้ำคลองแดนเก่าแก่ ชาวบ้านทำขนมพื้นบ้านและทอเสื่อกระจูด",
        "story_en": "A canal-side village on Khlong U-Taphao with a floating market.",
        "wisdom_th": "การสานเสื่อกระจูดด้วยลายโบราณ",
        "way_of_life_th": "พายเรือขายของในคลองทุกเช้าวันอาทิตย์",
        "attractions": [
            {"name_th": "ตลาดน้ำคลองแห", "name_en": "Khlong Hae floating market"},
        ],
        "activities": [
            {
                "name_th": "สานเสื่อกระจูด",
                "description_th": "ลงมือสานเสื่อกับช่างในหมู่บ้าน",
            }
        ],
        "contact": {
            "phone": "074-200-100",
            "line_id": "@khutao",
            "facebook_url": "https://www.facebook.com/khutao.otop",
        },
        "photos": [{"url": "/photos/communities/khutao-1.jpg", "caption_th": "ตลาดน้ำ"}],
    }
    body.update(overrides)
    return body
