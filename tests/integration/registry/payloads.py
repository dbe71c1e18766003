"""Realistic request bodies for the registry's API."""

from __future__ import annotations

from typing import Any


def member_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "member_type": "community_group",
        "name_th": "กลุ่มแม่บ้านเกษตรกรบ้านคูเต่า",
        "name_en": "Ban Khu Tao Housewives Group",
        "contact": {
            "name": "นางสมศรี ใจดี",
            "phone": "0812345678",
            "email": "somsri@example.org",
            "line_id": "somsri.kt",
        },
        "site": {
            "address_line": "99 หมู่ 3",
            "province_code": "90",
            "district_code": "9011",
            "subdistrict_code": "901103",
        },
        "community_enterprise": True,
        "community_enterprise_no": "9011-0123",
    }
    body.update(overrides)
    return body


def product_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sku": "SK-KT-0001",
        "name_th": "ข้าวเกรียบปลาสงขลา",
        "name_en": "Songkhla fish crackers",
        "category": "food",
        "unit": "ถุง",
        "price": "85.50",
        "certifications": [{"scheme": "fda", "number": "90-2-00123-2-0001"}],
        "segment": "B",
    }
    body.update(overrides)
    return body
