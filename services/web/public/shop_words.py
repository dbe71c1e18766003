"""Thai-first words of the public shop: categories, order states, fulfilment."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "food": ("อาหาร", "Food"),
    "beverages": ("เครื่องดื่ม", "Beverages"),
    "textiles_and_clothing": ("ผ้า เครื่องแต่งกาย", "Textiles and clothing"),
    "household_decorative_souvenir": (
        "ของใช้ ของตกแต่ง ของที่ระลึก",
        "Household, decorative and souvenir items",
    ),
    "non_food_herbal": ("สมุนไพรที่ไม่ใช่อาหาร", "Non-food herbal products"),
}

ORDER_STATES: dict[str, tuple[str, str]] = {
    "placed": ("รอชำระเงิน", "Waiting for payment"),
    "paid": ("ชำระเงินแล้ว", "Paid"),
    "packed": ("จัดของแล้ว", "Packed"),
    "picked_up": ("รับสินค้าแล้ว", "Picked up"),
    "shipped": ("จัดส่งแล้ว", "Shipped"),
    "completed": ("เสร็จสิ้น", "Completed"),
    "cancelled": ("ยกเลิกแล้ว", "Cancelled"),
    "expired": ("หมดเวลาชำระเงิน", "Expired (not paid in time)"),
}

FULFILMENTS: dict[str, tuple[str, str]] = {
    "pickup": ("รับสินค้าที่ศูนย์", "Pickup at the centre"),
    "post": ("จัดส่งทางไปรษณีย์", "Delivery by post"),
}

WORDS = {"CATEGORIES": CATEGORIES, "ORDER_STATES": ORDER_STATES, "FULFILMENTS": FULFILMENTS}
