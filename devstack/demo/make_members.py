"""Writes `data/registry_members_network.json`: the rest of the demo network's members, so
that Songkhla has 90, Khon Kaen 40 and Mukdahan 49 as the network's reports count them.

Every site is a real DOPA subdistrict (geothai); the kinds of goods follow what each
province is known for; people, phone numbers and e-mail addresses are fictitious. The
output is fixed by the seed, so running it again writes the same file:

    .venv/bin/python -m devstack.demo.make_members
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import geothai

DATA = Path(__file__).parent / "data"
TARGET = {"90": 90, "40": 40, "49": 49}

# (category, Thai, English, unit, price range in baht) by province: what its villages make.
GOODS: dict[str, list[tuple[str, str, str, str, tuple[int, int]]]] = {
    "90": [
        ("food", "น้ำพริกกุ้งเสียบ", "Smoked shrimp chili paste", "กระปุก", (60, 120)),
        ("food", "ขนมบ้าบิ่น", "Coconut baked cakes", "กล่อง", (40, 80)),
        ("food", "ปลาหวานอบงา", "Sweet dried fish with sesame", "ถุง", (80, 160)),
        ("food", "ข้าวเกรียบปลา", "Fish crackers", "ถุง", (35, 70)),
        ("beverages", "น้ำตาลโตนดพร้อมดื่ม", "Palmyra palm juice", "ขวด", (20, 45)),
        ("textiles_and_clothing", "ผ้าทอเกาะยอ", "Ko Yo hand-woven cloth", "ผืน", (450, 1800)),
        ("household_decorative_souvenir", "กรงนกหัวจุก", "Bulbul bird cage", "ชิ้น", (900, 3500)),
        (
            "household_decorative_souvenir",
            "เครื่องจักสานกระจูด",
            "Krajood sedge basketry",
            "ชิ้น",
            (150, 650),
        ),
        ("non_food_herbal", "สบู่สมุนไพรขมิ้นชัน", "Turmeric herbal soap", "ก้อน", (45, 90)),
    ],
    "40": [
        ("textiles_and_clothing", "ผ้าไหมมัดหมี่", "Mudmee silk", "ผืน", (1500, 6500)),
        ("textiles_and_clothing", "ผ้าฝ้ายย้อมสีธรรมชาติ", "Naturally dyed cotton", "ผืน", (350, 1200)),
        ("food", "ไส้กรอกอีสาน", "Isan fermented sausage", "แพ็ค", (80, 150)),
        ("food", "ข้าวหอมมะลิอินทรีย์", "Organic jasmine rice", "ถุง", (90, 180)),
        ("beverages", "ชาใบหม่อน", "Mulberry leaf tea", "กล่อง", (60, 140)),
        ("household_decorative_souvenir", "เครื่องปั้นดินเผา", "Earthenware pottery", "ชิ้น", (120, 900)),
        ("non_food_herbal", "ยาหม่องสมุนไพร", "Herbal balm", "ขวด", (35, 80)),
    ],
    "49": [
        ("textiles_and_clothing", "ผ้าย้อมคราม", "Indigo-dyed cloth", "ผืน", (450, 2200)),
        ("textiles_and_clothing", "ผ้าไหมแพรวา", "Praewa silk", "ผืน", (1800, 7000)),
        ("food", "หมูยอมุกดาหาร", "Mukdahan pork sausage", "แท่ง", (60, 120)),
        ("food", "กล้วยตาก", "Sun-dried bananas", "กล่อง", (40, 90)),
        ("beverages", "กาแฟดอยภูพาน", "Phu Phan coffee", "ถุง", (120, 260)),
        ("household_decorative_souvenir", "ตะกร้าไม้ไผ่สาน", "Woven bamboo basket", "ชิ้น", (150, 700)),
        ("non_food_herbal", "น้ำมันเหลืองสมุนไพร", "Herbal yellow oil", "ขวด", (40, 90)),
    ],
}
# A short story for each kind of goods, Thai and English, as the product's description.
STORIES: dict[str, tuple[str, str]] = {
    "น้ำพริกกุ้งเสียบ": (
        "น้ำพริกตำมือจากกุ้งเสียบรมควันของชาวประมงพื้นบ้านสงขลา หอมกลิ่นควัน",
        "Hand-pounded chili paste with Songkhla's smoked skewered shrimp.",
    ),
    "ขนมบ้าบิ่น": (
        "ขนมบ้าบิ่นอบเตาถ่านจากมะพร้าวขูดสดและแป้งข้าวเหนียว สูตรขนมพื้นบ้านภาคใต้",
        "Charcoal-baked coconut cakes of fresh grated coconut and sticky-rice flour.",
    ),
    "ปลาหวานอบงา": (
        "ปลาทะเลหมักน้ำตาลโตนด ตากแดดแล้วอบกับงาขาว ของฝากจากสงขลา",
        "Sea fish cured with palm sugar, sun-dried and baked with sesame.",
    ),
    "ข้าวเกรียบปลา": (
        "ข้าวเกรียบจากปลาสดทะเลสาบสงขลา นวดและนึ่งด้วยมือ ตากแดดธรรมชาติ",
        "Crackers of fresh Songkhla Lake fish, kneaded, steamed and sun-dried by hand.",
    ),
    "น้ำตาลโตนดพร้อมดื่ม": (
        "น้ำตาลโตนดสดที่รองจากต้นทุกเช้า หวานหอมตามธรรมชาติ",
        "Fresh palmyra sap collected every morning, naturally sweet.",
    ),
    "ผ้าทอเกาะยอ": (
        "ผ้าทอมือด้วยกี่พื้นบ้านของช่างทอเกาะยอ ลวดลายสืบทอดกันมาหลายชั่วคน",
        "Cloth hand-woven on Ko Yo's village looms in patterns passed down for generations.",
    ),
    "กรงนกหัวจุก": (
        "กรงนกหัวจุกไม้ไผ่เหลามือ งานช่างฝีมือภาคใต้ที่ประณีตทุกซี่",
        "A bulbul cage of hand-shaved bamboo, fine southern craft in every spoke.",
    ),
    "เครื่องจักสานกระจูด": (
        "งานจักสานจากกระจูดในพรุ ตากแห้ง ย้อมสี และสานด้วยมือโดยแม่บ้านในชุมชน",
        "Swamp krajood sedge, dried, dyed and woven by hand by the village women.",
    ),
    "สบู่สมุนไพรขมิ้นชัน": (
        "สบู่ขมิ้นชันจากแปลงปลูกในชุมชน ทำแบบกวนเย็น อ่อนโยนต่อผิว",
        "Cold-process soap with turmeric from the village's fields, gentle on the skin.",
    ),
    "ผ้าไหมมัดหมี่": (
        "ผ้าไหมมัดหมี่ทอมือของขอนแก่น มัดลายและทอทีละเส้น ผืนหนึ่งใช้เวลาหลายสัปดาห์",
        "Khon Kaen mudmee silk, tied and woven thread by thread: weeks of work a length.",
    ),
    "ผ้าฝ้ายย้อมสีธรรมชาติ": (
        "ผ้าฝ้ายทอมือย้อมสีจากเปลือกไม้และใบไม้ในชุมชน สีนุ่มนวล ไม่ใช้สารเคมี",
        "Hand-woven cotton dyed with the village's bark and leaves, free of chemical dyes.",
    ),
    "ไส้กรอกอีสาน": (
        "ไส้กรอกอีสานหมักข้าวเหนียวและกระเทียมตามสูตรบ้าน เปรี้ยวกำลังดี",
        "Isan sausage fermented with sticky rice and garlic to a home recipe.",
    ),
    "ข้าวหอมมะลิอินทรีย์": (
        "ข้าวหอมมะลิจากนาอินทรีย์ของสมาชิก สีใหม่ทุกฤดูเก็บเกี่ยว หอมนุ่ม",
        "Jasmine rice from members' organic fields, milled fresh each harvest.",
    ),
    "ชาใบหม่อน": (
        "ชาจากใบหม่อนอ่อนคั่วมือ หอมอ่อน ไม่มีคาเฟอีน",
        "Hand-roasted young mulberry leaf tea: mild and caffeine-free.",
    ),
    "เครื่องปั้นดินเผา": (
        "เครื่องปั้นดินเผาขึ้นรูปด้วยมือจากดินริมน้ำ เผาด้วยเตาฟืนของหมู่บ้าน",
        "Earthenware shaped by hand from riverbank clay and fired in the village's kiln.",
    ),
    "ยาหม่องสมุนไพร": (
        "ยาหม่องจากสมุนไพรที่ปลูกเองในชุมชน ตามตำรับพื้นบ้าน บรรเทาปวดเมื่อย",
        "A folk-recipe balm of home-grown herbs for aches and pains.",
    ),
    "ผ้าย้อมคราม": (
        "ผ้าย้อมครามจากต้นครามที่ปลูกในชุมชน หมักหม้อครามแบบภูไท ยิ่งซักยิ่งสวย",
        "Cloth dyed with home-grown indigo in Phu Tai dye pots: lovelier with each wash.",
    ),
    "ผ้าไหมแพรวา": (
        "ผ้าไหมแพรวาลายขิดของชาวภูไท ทอยกดอกด้วยมือ ประณีตทุกลวดลาย",
        "Phu Tai praewa silk with hand-picked khit brocade, fine in every motif.",
    ),
    "หมูยอมุกดาหาร": (
        "หมูยอสูตรมุกดาหาร ห่อใบตอง นึ่งสุกใหม่ทุกวัน",
        "Mukdahan pork sausage wrapped in banana leaf and steamed fresh daily.",
    ),
    "กล้วยตาก": (
        "กล้วยน้ำว้าสุกจากสวนในชุมชน ตากแดดในโรงอบพลังแสงอาทิตย์ หวานธรรมชาติ",
        "Ripe village bananas dried in a solar dryer: naturally sweet.",
    ),
    "กาแฟดอยภูพาน": (
        "กาแฟที่ปลูกบนเทือกเขาภูพาน คั่วในชุมชน หอมกลมกล่อม",
        "Coffee grown in the Phu Phan hills and roasted in the village.",
    ),
    "ตะกร้าไม้ไผ่สาน": (
        "ตะกร้าสานจากไม้ไผ่ในหมู่บ้าน แข็งแรง ใช้ได้นาน งานฝีมือของผู้สูงอายุ",
        "A sturdy basket of village bamboo, woven by the community's elders.",
    ),
    "น้ำมันเหลืองสมุนไพร": (
        "น้ำมันเหลืองสูตรดั้งเดิมจากไพลและการบูร บรรเทาอาการวิงเวียนและปวดเมื่อย",
        "Traditional yellow oil of plai and camphor for dizziness and sore muscles.",
    ),
}
KIND = {
    "community_group": ("กลุ่ม{goods}บ้าน{place}", "Ban {place_en} {goods_en} group"),
    "single_owner": ("{goods}คุณ{given}", "{given_en}'s {goods_en}"),
    "sme": ("บริษัท {place}ผลิตภัณฑ์ จำกัด", "{place_en} Products Co., Ltd."),
}
GIVEN = [
    ("สมศรี", "Somsri"),
    ("มาลี", "Malee"),
    ("บุญมี", "Boonmee"),
    ("สุดา", "Suda"),
    ("ประเสริฐ", "Prasert"),
    ("วันเพ็ญ", "Wanpen"),
    ("อำนาจ", "Amnat"),
    ("จันทร์เพ็ญ", "Chanpen"),
    ("ทองใบ", "Thongbai"),
    ("สุนีย์", "Sunee"),
    ("วิไล", "Wilai"),
    ("สมชาย", "Somchai"),
]
FAMILY = ["แก้วมณี", "ศรีสุข", "ทองดี", "บุญมา", "พรหมวงศ์", "ใจดี", "สายทอง", "มีสุข", "วงศ์ไทย"]


def _existing() -> list[dict[str, Any]]:
    return json.loads((DATA / "registry_members.json").read_text(encoding="utf-8"))


def _product(rng: random.Random, key: str, n: int, goods: tuple[Any, ...]) -> dict[str, Any]:
    category, name_th, name_en, unit, (low, high) = goods
    price = rng.randrange(low, high + 1)
    segment = rng.choices("ABCD", weights=(2, 3, 3, 3))[0]
    stars = {"A": 5, "B": 4, "C": 3, "D": rng.choice((1, 2, 3))}[segment]
    ratings = [[2022, max(1, stars - rng.choice((0, 1)))], [2024, stars]]
    return {
        "sku": f"{key.upper()}-{n:03d}",
        "name_th": name_th,
        "name_en": name_en,
        "description_th": STORIES[name_th][0],
        "description_en": STORIES[name_th][1],
        "category": category,
        "unit": unit,
        "price": f"{price}.00",
        "segment": segment,
        "ratings": ratings if rng.random() < 0.8 else ratings[1:],
    }


def _member(rng: random.Random, province: str, n: int) -> dict[str, Any]:
    district = rng.choice(geothai.districts(province))
    site = rng.choice(geothai.subdistricts(district.code))
    member_type = rng.choices(list(KIND), weights=(6, 3, 1))[0]
    goods = rng.sample(GOODS[province], k=rng.choice((1, 2, 3)))
    given_th, given_en = rng.choice(GIVEN)
    key = f"p{province}-{n:03d}"
    name_th, name_en = KIND[member_type]
    words = {
        "goods": goods[0][1],
        "goods_en": goods[0][2].lower(),
        "place": site.name_th,
        "place_en": site.name_en,
        "given": given_th,
        "given_en": given_en,
    }
    return {
        "key": key,
        "member_type": member_type,
        "name_th": name_th.format(**words),
        "name_en": name_en.format(**words),
        "contact_name": f"{rng.choice(('นาง', 'นาย', 'นางสาว'))}{given_th} {rng.choice(FAMILY)}",
        "phone": f"08{rng.randrange(1, 10)}-555-{rng.randrange(1000, 10000)}",
        "email": f"{key}@example.org" if rng.random() < 0.7 else None,
        "line_id": f"otop.{key}" if rng.random() < 0.5 else None,
        "address_line": f"{rng.randrange(1, 200)} หมู่ {rng.randrange(1, 13)}",
        "province_code": province,
        "district_code": district.code,
        "subdistrict_code": site.code,
        "products": [_product(rng, key, i + 1, g) for i, g in enumerate(goods)],
    }


def network_members() -> list[dict[str, Any]]:
    rng = random.Random(2569)
    have = Counter(m["province_code"] for m in _existing())
    made: list[dict[str, Any]] = []
    for province, wanted in TARGET.items():
        made += [_member(rng, province, n) for n in range(1, wanted - have[province] + 1)]
    return made


def main() -> None:
    path = DATA / "registry_members_network.json"
    text = json.dumps(network_members(), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
