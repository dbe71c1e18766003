"""Demo members, products, star ratings and network roles, loaded through the registry's API.

The data looks like a provincial OTOP network's own: producer groups, single owners and SMEs
in Songkhla, Khon Kaen, Mukdahan and the southern provinces, with products in the five OTOP
categories typical of each area. Every site address uses real DOPA codes (checked against
geothai); people, phone numbers, e-mail addresses and registration numbers are fictitious.

Loading goes only through the public HTTP API with the admin token, exactly as network staff
would enter it, so the registry publishes the usual events for everything loaded. It loads
once: when the registry already holds members, nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)

FOOD = ProductCategory.FOOD
BEVERAGES = ProductCategory.BEVERAGES
TEXTILES = ProductCategory.TEXTILES_AND_CLOTHING
HOUSEHOLD = ProductCategory.HOUSEHOLD_DECORATIVE_SOUVENIR
HERBAL = ProductCategory.NON_FOOD_HERBAL

GROUP = MemberType.COMMUNITY_GROUP
SINGLE = MemberType.SINGLE_OWNER
SME = MemberType.SME

A, B, C, D = (
    DevelopmentSegment.A,
    DevelopmentSegment.B,
    DevelopmentSegment.C,
    DevelopmentSegment.D,
)

# The day each selection round's provincial committee rated the products.
ROUND_DAYS: dict[int, date] = {2022: date(2022, 8, 18), 2024: date(2024, 8, 15)}

TERM_2023 = (date(2023, 1, 1), date(2025, 1, 1))
TERM_2025 = (date(2025, 1, 1), date(2027, 1, 1))


class DemoDataError(RuntimeError):
    """The registry refused a demo-data request; carries its problem document."""

    def __init__(self, method: str, path: str, status: int, problem: dict[str, Any]) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.problem = problem
        title = problem.get("title") or "request failed"
        detail = problem.get("detail") or ""
        message = f"{method} {path} answered {status} {title}"
        if detail:
            message += f": {detail}"
        super().__init__(message)


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name_th: str
    name_en: str
    category: ProductCategory
    unit: str
    price: str
    segment: DevelopmentSegment
    certifications: tuple[dict[str, str], ...] = ()
    # (round_year, stars), oldest round first.
    ratings: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class DemoMember:
    key: str
    member_type: MemberType
    name_th: str
    name_en: str
    contact_name: str
    phone: str
    email: str | None
    line_id: str | None
    address_line: str
    province_code: str
    district_code: str
    subdistrict_code: str
    products: tuple[DemoProduct, ...]
    community_enterprise_no: str | None = None
    status: MemberStatus = MemberStatus.ACTIVE
    status_reason: str | None = None
    preferred_language: str = "th"


@dataclass(frozen=True)
class DemoRole:
    member_key: str
    role: NetworkRole
    province_code: str
    term: tuple[date, date]
    district_code: str | None = None


def _fda(number: str) -> dict[str, str]:
    return {"scheme": "fda", "number": number}


def _mpc(number: str, valid_until: str) -> dict[str, str]:
    return {"scheme": "mpc", "number": number, "valid_until": valid_until}


def _gmp(number: str) -> dict[str, str]:
    return {"scheme": "gmp", "number": number}


def _halal(number: str) -> dict[str, str]:
    return {"scheme": "halal", "number": number}


MEMBERS: tuple[DemoMember, ...] = (
    # ---------------------------------------------------------------- Songkhla (90)
    DemoMember(
        key="hatyai-khuanlang",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนแม่บ้านเกษตรกรบ้านควนลัง",
        name_en="Ban Khuan Lang Farm Housewives Community Enterprise",
        contact_name="นางสุภาพร แก้วมณี",
        phone="081-555-0101",
        email="khuanlang.group@example.org",
        line_id="khuanlang.otop",
        address_line="45 หมู่ 2 ถนนเพชรเกษม",
        province_code="90",
        district_code="9011",
        subdistrict_code="901102",
        community_enterprise_no="4-90-11-02/1-0015",
        products=(
            DemoProduct(
                sku="HY-KL-001",
                name_th="น้ำพริกกุ้งเสียบ",
                name_en="Chili paste with smoked skewered shrimp",
                category=FOOD,
                unit="กระปุก",
                price="89.00",
                segment=A,
                certifications=(
                    _fda("90-2-00215-2-0001"),
                    _mpc("90-0112/2566", "2026-10-31"),
                ),
                ratings=((2022, 4), (2024, 5)),
            ),
            DemoProduct(
                sku="HY-KL-002",
                name_th="ข้าวตังหน้าธัญพืช",
                name_en="Crispy rice crackers with mixed grains",
                category=FOOD,
                unit="ถุง",
                price="45.50",
                segment=B,
                certifications=(_fda("90-2-00215-2-0002"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="HY-KL-003",
                name_th="น้ำกระเจี๊ยบพร้อมดื่ม",
                name_en="Ready-to-drink roselle juice",
                category=BEVERAGES,
                unit="ขวด",
                price="25.00",
                segment=C,
                certifications=(_fda("90-2-00215-2-0003"),),
                ratings=((2024, 3),),
            ),
        ),
    ),
    DemoMember(
        key="songkhla-koyo",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนทอผ้าพื้นเมืองเกาะยอ",
        name_en="Ko Yo Traditional Weaving Community Enterprise",
        contact_name="นางจำเนียร ทองขาว",
        phone="089-555-0102",
        email="koyo.weaving@example.org",
        line_id="@koyoweaving",
        address_line="12 หมู่ 4 บ้านเกาะยอ",
        province_code="90",
        district_code="9001",
        subdistrict_code="900106",
        community_enterprise_no="4-90-01-06/1-0003",
        products=(
            DemoProduct(
                sku="SK-KY-001",
                name_th="ผ้าทอเกาะยอลายราชวัตร",
                name_en="Ko Yo hand-woven cloth, Ratchawat pattern",
                category=TEXTILES,
                unit="ผืน",
                price="850.00",
                segment=A,
                certifications=(_mpc("90-0087/2565", "2026-06-30"),),
                ratings=((2022, 4), (2024, 5)),
            ),
            DemoProduct(
                sku="SK-KY-002",
                name_th="ผ้าขาวม้าทอมือเกาะยอ",
                name_en="Ko Yo hand-woven loincloth (pha khao ma)",
                category=TEXTILES,
                unit="ผืน",
                price="250.00",
                segment=B,
                ratings=((2022, 3), (2024, 3)),
            ),
            DemoProduct(
                sku="SK-KY-003",
                name_th="เสื้อผ้าฝ้ายทอเกาะยอ",
                name_en="Ko Yo woven cotton shirt",
                category=TEXTILES,
                unit="ตัว",
                price="690.00",
                segment=C,
                ratings=((2024, 3),),
            ),
        ),
    ),
    DemoMember(
        key="sathingphra-diluang",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนตาลโตนดบ้านดีหลวง",
        name_en="Ban Di Luang Palmyra Palm Community Enterprise",
        contact_name="นายประเสริฐ ชูแก้ว",
        phone="086-555-0103",
        email="diluang.palm@example.org",
        line_id=None,
        address_line="88 หมู่ 6",
        province_code="90",
        district_code="9002",
        subdistrict_code="900204",
        community_enterprise_no="4-90-02-04/1-0021",
        products=(
            DemoProduct(
                sku="SP-DL-001",
                name_th="น้ำตาลโตนดแท้",
                name_en="Pure palmyra palm sugar",
                category=FOOD,
                unit="กระปุก",
                price="120.00",
                segment=B,
                certifications=(_fda("90-2-00341-2-0001"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="SP-DL-002",
                name_th="น้ำตาลโตนดสดพร้อมดื่ม",
                name_en="Fresh palmyra palm sap drink",
                category=BEVERAGES,
                unit="ขวด",
                price="20.00",
                segment=D,
                ratings=((2024, 2),),
            ),
            DemoProduct(
                sku="SP-DL-003",
                name_th="ตะกร้าสานใบตาล",
                name_en="Woven palm-leaf basket",
                category=HOUSEHOLD,
                unit="ใบ",
                price="180.00",
                segment=D,
                ratings=((2022, 2), (2024, 3)),
            ),
        ),
    ),
    DemoMember(
        key="sadao-herbs",
        member_type=SME,
        name_th="บริษัท สะเดาสมุนไพร จำกัด",
        name_en="Sadao Herbs Co., Ltd.",
        contact_name="นางสาวกนกวรรณ หมัดหลี",
        phone="0-7455-5104",
        email="sales@sadaoherbs.example.com",
        line_id="@sadaoherbs",
        address_line="210/3 ถนนกาญจนวนิช",
        province_code="90",
        district_code="9010",
        subdistrict_code="901008",
        products=(
            DemoProduct(
                sku="SD-HB-001",
                name_th="ยาหม่องสมุนไพรไพล",
                name_en="Plai herbal balm",
                category=HERBAL,
                unit="ตลับ",
                price="45.00",
                segment=A,
                certifications=(_fda("G 90/2564"), _gmp("GMP-90-00321")),
                ratings=((2022, 4), (2024, 4)),
            ),
            DemoProduct(
                sku="SD-HB-002",
                name_th="น้ำมันเหลืองสมุนไพร",
                name_en="Herbal yellow oil",
                category=HERBAL,
                unit="ขวด",
                price="35.50",
                segment=B,
                certifications=(_gmp("GMP-90-00321"),),
                ratings=((2024, 4),),
            ),
            DemoProduct(
                sku="SD-HB-003",
                name_th="สบู่สมุนไพรขมิ้นชัน",
                name_en="Turmeric herbal soap",
                category=HERBAL,
                unit="ก้อน",
                price="59.00",
                segment=C,
                ratings=((2024, 3),),
            ),
        ),
    ),
    DemoMember(
        key="singhanakhon-chingkho",
        member_type=GROUP,
        name_th="กลุ่มแม่บ้านผลิตข้าวเกรียบปลาบ้านชิงโค",
        name_en="Ban Ching Kho Fish Cracker Housewives Group",
        contact_name="นางละเอียด สุวรรณรัตน์",
        phone="084-555-0105",
        email=None,
        line_id="chingkho.crackers",
        address_line="7 หมู่ 1",
        province_code="90",
        district_code="9015",
        subdistrict_code="901501",
        products=(
            DemoProduct(
                sku="SN-CK-001",
                name_th="ข้าวเกรียบปลาสงขลา",
                name_en="Songkhla fish crackers",
                category=FOOD,
                unit="ถุง",
                price="85.50",
                segment=B,
                certifications=(_fda("90-2-00123-2-0001"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="SN-CK-002",
                name_th="ข้าวเกรียบกุ้งพร้อมทอด",
                name_en="Ready-to-fry shrimp crackers",
                category=FOOD,
                unit="ถุง",
                price="65.00",
                segment=C,
                certifications=(_fda("90-2-00123-2-0002"),),
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="SN-CK-003",
                name_th="ปลาหวานทะเลสาบสงขลา",
                name_en="Songkhla Lake sweet dried fish",
                category=FOOD,
                unit="ถุง",
                price="120.00",
                segment=D,
                ratings=((2022, 2), (2024, 2)),
            ),
        ),
    ),
    DemoMember(
        key="khuanniang-huailuek",
        member_type=SINGLE,
        name_th="หัตถกรรมกะลามะพร้าวบ้านห้วยลึก",
        name_en="Ban Huai Luek Coconut Shell Crafts",
        contact_name="นายสมพงษ์ ขวัญทอง",
        phone="087-555-0106",
        email="huailuek.crafts@example.com",
        line_id=None,
        address_line="53 หมู่ 3",
        province_code="90",
        district_code="9013",
        subdistrict_code="901303",
        products=(
            DemoProduct(
                sku="KN-HL-001",
                name_th="โคมไฟกะลามะพร้าว",
                name_en="Coconut-shell lamp",
                category=HOUSEHOLD,
                unit="ชิ้น",
                price="450.00",
                segment=C,
                ratings=((2022, 3), (2024, 3)),
            ),
            DemoProduct(
                sku="KN-HL-002",
                name_th="ชุดช้อนส้อมกะลามะพร้าว",
                name_en="Coconut-shell spoon and fork set",
                category=HOUSEHOLD,
                unit="ชุด",
                price="120.00",
                segment=D,
                ratings=((2024, 2),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Khon Kaen (40)
    DemoMember(
        key="chonnabot-mudmee",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนทอผ้าไหมมัดหมี่บ้านชนบท",
        name_en="Ban Chonnabot Mudmee Silk Weaving Community Enterprise",
        contact_name="นางบุญเรือน ศรีสุข",
        phone="081-555-0107",
        email="chonnabot.silk@example.org",
        line_id="@chonnabotsilk",
        address_line="101 หมู่ 1 ถนนศรีบุญเรือง",
        province_code="40",
        district_code="4018",
        subdistrict_code="401801",
        community_enterprise_no="4-40-18-01/1-0002",
        products=(
            DemoProduct(
                sku="CB-MM-001",
                name_th="ผ้าไหมมัดหมี่ลายโบราณ",
                name_en="Mudmee silk, traditional pattern",
                category=TEXTILES,
                unit="ผืน",
                price="3500.00",
                segment=A,
                certifications=(_mpc("40-0031/2566", "2027-03-31"),),
                ratings=((2022, 5), (2024, 5)),
            ),
            DemoProduct(
                sku="CB-MM-002",
                name_th="ผ้าไหมมัดหมี่ย้อมสีธรรมชาติ",
                name_en="Natural-dyed mudmee silk",
                category=TEXTILES,
                unit="ผืน",
                price="4800.00",
                segment=A,
                certifications=(_mpc("40-0032/2566", "2027-03-31"),),
                ratings=((2022, 4), (2024, 5)),
            ),
            DemoProduct(
                sku="CB-MM-003",
                name_th="ผ้าพันคอไหมมัดหมี่",
                name_en="Mudmee silk scarf",
                category=TEXTILES,
                unit="ผืน",
                price="650.00",
                segment=B,
                ratings=((2024, 4),),
            ),
        ),
    ),
    DemoMember(
        key="khonkaen-saepisan",
        member_type=SME,
        name_th="บริษัท แซ่บอีสานฟู้ด จำกัด",
        name_en="Saep Isan Food Co., Ltd.",
        contact_name="นายธนากร พลเยี่ยม",
        phone="0-4355-5108",
        email="contact@saepisan.example.com",
        line_id="saepisan",
        address_line="59/9 ถนนมิตรภาพ",
        province_code="40",
        district_code="4001",
        subdistrict_code="400114",
        products=(
            DemoProduct(
                sku="KK-SI-001",
                name_th="ไส้กรอกอีสานหมู",
                name_en="Isan fermented pork sausage",
                category=FOOD,
                unit="แพ็ค",
                price="95.00",
                segment=A,
                certifications=(_fda("40-2-00512-2-0001"), _gmp("GMP-40-00187")),
                ratings=((2022, 4), (2024, 4)),
            ),
            DemoProduct(
                sku="KK-SI-002",
                name_th="แหนมหมูขอนแก่น",
                name_en="Khon Kaen fermented pork (naem)",
                category=FOOD,
                unit="แพ็ค",
                price="75.00",
                segment=B,
                certifications=(_fda("40-2-00512-2-0002"),),
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="KK-SI-003",
                name_th="แจ่วบองอบแห้ง",
                name_en="Dried jaew bong chili paste",
                category=FOOD,
                unit="กระปุก",
                price="69.50",
                segment=C,
                certifications=(_fda("40-2-00512-2-0003"),),
            ),
        ),
    ),
    DemoMember(
        key="banphai-banlan",
        member_type=SINGLE,
        name_th="เสื่อกกทอมือบ้านลาน",
        name_en="Ban Lan Hand-woven Reed Mats",
        contact_name="นางทองใบ ภูมิพันธ์",
        phone="093-555-0109",
        email=None,
        line_id="banlan.mat",
        address_line="16 หมู่ 5",
        province_code="40",
        district_code="4010",
        subdistrict_code="401009",
        status=MemberStatus.PENDING,
        products=(
            DemoProduct(
                sku="BP-BL-001",
                name_th="เสื่อกกทอลายขิด",
                name_en="Reed mat with khit pattern",
                category=HOUSEHOLD,
                unit="ผืน",
                price="350.00",
                segment=D,
            ),
            DemoProduct(
                sku="BP-BL-002",
                name_th="กระเป๋าสานกก",
                name_en="Woven reed bag",
                category=HOUSEHOLD,
                unit="ใบ",
                price="220.00",
                segment=D,
            ),
        ),
    ),
    DemoMember(
        key="nongruea-banmeng",
        member_type=GROUP,
        name_th="กลุ่มแม่บ้านปลูกหม่อนบ้านเม็ง",
        name_en="Ban Meng Mulberry Growers Housewives Group",
        contact_name="นางสมหมาย แสนทวีสุข",
        phone="062-555-0110",
        email="banmeng.mulberry@example.org",
        line_id=None,
        address_line="33 หมู่ 7",
        province_code="40",
        district_code="4004",
        subdistrict_code="400402",
        community_enterprise_no="4-40-04-02/1-0009",
        products=(
            DemoProduct(
                sku="NR-BM-001",
                name_th="ชาใบหม่อน",
                name_en="Mulberry leaf tea",
                category=BEVERAGES,
                unit="กล่อง",
                price="120.00",
                segment=B,
                certifications=(_fda("40-2-00733-2-0001"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="NR-BM-002",
                name_th="ข้าวหอมมะลิอินทรีย์",
                name_en="Organic jasmine rice",
                category=FOOD,
                unit="ถุง",
                price="95.00",
                segment=C,
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="NR-BM-003",
                name_th="น้ำลูกหม่อนพร้อมดื่ม",
                name_en="Ready-to-drink mulberry juice",
                category=BEVERAGES,
                unit="ขวด",
                price="25.00",
                segment=D,
                ratings=((2024, 2),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Mukdahan (49)
    DemoMember(
        key="dongluang-chanotnoi",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนผ้าย้อมครามบ้านชะโนดน้อย",
        name_en="Ban Chanot Noi Indigo Dyeing Community Enterprise",
        contact_name="นางคำปุน วงศ์กะโซ่",
        phone="085-555-0111",
        email="chanotnoi.indigo@example.org",
        line_id="@chanotnoiindigo",
        address_line="9 หมู่ 2",
        province_code="49",
        district_code="4904",
        subdistrict_code="490405",
        community_enterprise_no="4-49-04-05/1-0004",
        products=(
            DemoProduct(
                sku="DL-CN-001",
                name_th="ผ้าฝ้ายย้อมครามลายโบราณ",
                name_en="Indigo-dyed cotton, traditional pattern",
                category=TEXTILES,
                unit="ผืน",
                price="1200.00",
                segment=A,
                certifications=(_mpc("49-0015/2566", "2027-01-31"),),
                ratings=((2022, 4), (2024, 5)),
            ),
            DemoProduct(
                sku="DL-CN-002",
                name_th="เสื้อผ้าย้อมครามภูไท",
                name_en="Phu Tai indigo-dyed shirt",
                category=TEXTILES,
                unit="ตัว",
                price="890.00",
                segment=B,
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="DL-CN-003",
                name_th="ผ้าพันคอย้อมคราม",
                name_en="Indigo-dyed scarf",
                category=TEXTILES,
                unit="ผืน",
                price="350.00",
                segment=C,
                ratings=((2024, 3),),
            ),
        ),
    ),
    DemoMember(
        key="mukdahan-mukdafoods",
        member_type=SME,
        name_th="ห้างหุ้นส่วนจำกัด มุกดาฟู้ดส์",
        name_en="Mukda Foods Limited Partnership",
        contact_name="นายวีระพงษ์ ไชยสิทธิ์",
        phone="0-4255-5112",
        email="office@mukdafoods.example.com",
        line_id="mukdafoods",
        address_line="140 ถนนชยางกูร",
        province_code="49",
        district_code="4901",
        subdistrict_code="490113",
        products=(
            DemoProduct(
                sku="MD-MF-001",
                name_th="ข้าวฮางงอก",
                name_en="Germinated hang rice",
                category=FOOD,
                unit="ถุง",
                price="65.00",
                segment=B,
                certifications=(_fda("49-2-00108-2-0001"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="MD-MF-002",
                name_th="ชาสมุนไพรตะไคร้ใบเตย",
                name_en="Lemongrass and pandan herbal tea",
                category=BEVERAGES,
                unit="กล่อง",
                price="85.00",
                segment=C,
                certifications=(_fda("49-2-00108-2-0002"),),
                ratings=((2024, 3),),
            ),
        ),
    ),
    DemoMember(
        key="nongsung-herbalsoap",
        member_type=SINGLE,
        name_th="สบู่สมุนไพรครามบ้านหนองสูง",
        name_en="Ban Nong Sung Indigo Herbal Soap",
        contact_name="นางสาวพรทิพย์ คนหาญ",
        phone="095-555-0113",
        email="nongsung.soap@example.com",
        line_id=None,
        address_line="27 หมู่ 8",
        province_code="49",
        district_code="4907",
        subdistrict_code="490701",
        products=(
            DemoProduct(
                sku="NS-HS-001",
                name_th="สบู่สมุนไพรผสมคราม",
                name_en="Herbal soap with indigo",
                category=HERBAL,
                unit="ก้อน",
                price="55.00",
                segment=D,
                ratings=((2024, 2),),
            ),
            DemoProduct(
                sku="NS-HS-002",
                name_th="แชมพูสมุนไพรมะกรูด",
                name_en="Kaffir lime herbal shampoo",
                category=HERBAL,
                unit="ขวด",
                price="89.75",
                segment=D,
            ),
        ),
    ),
    # ---------------------------------------------------------------- Pattani (94)
    DemoMember(
        key="pattani-sabarang",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนผ้าบาติกสะบารัง",
        name_en="Sabarang Batik Community Enterprise",
        contact_name="นางรอฮานี สาและ",
        phone="081-555-0114",
        email="sabarang.batik@example.org",
        line_id="@sabarangbatik",
        address_line="18 ถนนปากน้ำ",
        province_code="94",
        district_code="9401",
        subdistrict_code="940101",
        community_enterprise_no="4-94-01-01/1-0011",
        products=(
            DemoProduct(
                sku="PN-SB-001",
                name_th="ผ้าบาติกเขียนมือลายดอกชบา",
                name_en="Hand-painted batik, hibiscus pattern",
                category=TEXTILES,
                unit="ผืน",
                price="450.00",
                segment=B,
                certifications=(_mpc("94-0042/2565", "2026-08-31"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="PN-SB-002",
                name_th="ผ้าคลุมผมบาติก",
                name_en="Batik hijab",
                category=TEXTILES,
                unit="ผืน",
                price="290.00",
                segment=C,
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="PN-SB-003",
                name_th="เสื้อบาติกชาย",
                name_en="Men's batik shirt",
                category=TEXTILES,
                unit="ตัว",
                price="750.00",
                segment=B,
                ratings=((2024, 4),),
            ),
        ),
    ),
    DemoMember(
        key="yaring-bangpu",
        member_type=GROUP,
        name_th="กลุ่มแม่บ้านแปรรูปอาหารทะเลบ้านบางปู",
        name_en="Ban Bang Pu Seafood Processing Housewives Group",
        contact_name="นางสาวซูไรดา เจ๊ะหลง",
        phone="098-555-0115",
        email=None,
        line_id="bangpu.seafood",
        address_line="4 หมู่ 3",
        province_code="94",
        district_code="9409",
        subdistrict_code="940909",
        products=(
            DemoProduct(
                sku="YR-BP-001",
                name_th="บูดูทรงเครื่อง",
                name_en="Seasoned budu fish sauce",
                category=FOOD,
                unit="ขวด",
                price="45.00",
                segment=C,
                certifications=(_fda("94-2-00076-2-0001"), _halal("HL-94-0231-2567")),
                ratings=((2022, 2), (2024, 3)),
            ),
            DemoProduct(
                sku="YR-BP-002",
                name_th="ปลาเค็มแดดเดียว",
                name_en="One-day sun-dried salted fish",
                category=FOOD,
                unit="แพ็ค",
                price="150.00",
                segment=D,
                certifications=(_halal("HL-94-0232-2567"),),
                ratings=((2024, 2),),
            ),
            DemoProduct(
                sku="YR-BP-003",
                name_th="ข้าวเกรียบปลาตานี",
                name_en="Tani fish crackers",
                category=FOOD,
                unit="ถุง",
                price="55.00",
                segment=D,
                certifications=(_halal("HL-94-0233-2567"),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Yala (95)
    DemoMember(
        key="betong-coffee",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนกาแฟเบตง",
        name_en="Betong Coffee Community Enterprise",
        contact_name="นายอับดุลเลาะ ดือราแม",
        phone="082-555-0116",
        email="betong.coffee@example.org",
        line_id="@betongcoffee",
        address_line="62 ถนนสุขยางค์",
        province_code="95",
        district_code="9502",
        subdistrict_code="950201",
        community_enterprise_no="4-95-02-01/1-0006",
        products=(
            DemoProduct(
                sku="BT-KF-001",
                name_th="กาแฟคั่วบดเบตง",
                name_en="Betong roasted ground coffee",
                category=BEVERAGES,
                unit="ถุง",
                price="180.00",
                segment=B,
                certifications=(_fda("95-2-00054-2-0001"), _halal("HL-95-0118-2566")),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="BT-KF-002",
                name_th="กาแฟโบราณปรุงสำเร็จ",
                name_en="Traditional instant coffee mix",
                category=BEVERAGES,
                unit="กล่อง",
                price="95.00",
                segment=C,
                certifications=(_halal("HL-95-0119-2566"),),
                ratings=((2024, 3),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Narathiwat (96)
    DemoMember(
        key="takbai-birdcages",
        member_type=SINGLE,
        name_th="กรงนกเขาชวาตากใบ",
        name_en="Tak Bai Zebra-dove Cages",
        contact_name="นายมะยูโซะ สะมะแอ",
        phone="089-555-0117",
        email=None,
        line_id="takbai.cage",
        address_line="15 หมู่ 1",
        province_code="96",
        district_code="9602",
        subdistrict_code="960201",
        products=(
            DemoProduct(
                sku="TB-KN-001",
                name_th="กรงนกเขาชวาไม้ไผ่",
                name_en="Bamboo zebra-dove cage",
                category=HOUSEHOLD,
                unit="ใบ",
                price="2500.00",
                segment=B,
                ratings=((2022, 4), (2024, 4)),
            ),
            DemoProduct(
                sku="TB-KN-002",
                name_th="ลูกหยีกวน",
                name_en="Velvet tamarind paste",
                category=FOOD,
                unit="กล่อง",
                price="60.00",
                segment=C,
                certifications=(_halal("HL-96-0077-2566"),),
                ratings=((2024, 3),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Nakhon Si Thammarat (80)
    DemoMember(
        key="nakhon-nielloware",
        member_type=SINGLE,
        name_th="เครื่องถมนครบ้านท่าวัง",
        name_en="Ban Tha Wang Nakhon Nielloware",
        contact_name="นายวิชัย ศรีนคร",
        phone="081-555-0118",
        email="thawang.niello@example.com",
        line_id="@thawangniello",
        address_line="301 ถนนราชดำเนิน",
        province_code="80",
        district_code="8001",
        subdistrict_code="800102",
        products=(
            DemoProduct(
                sku="NK-TW-001",
                name_th="สร้อยข้อมือเครื่องถมทอง",
                name_en="Gold nielloware bracelet",
                category=HOUSEHOLD,
                unit="ชิ้น",
                price="1850.00",
                segment=A,
                certifications=(_mpc("80-0009/2566", "2027-05-31"),),
                ratings=((2022, 5), (2024, 5)),
            ),
            DemoProduct(
                sku="NK-TW-002",
                name_th="ต่างหูเครื่องถมเงิน",
                name_en="Silver nielloware earrings",
                category=HOUSEHOLD,
                unit="คู่",
                price="950.00",
                segment=A,
                ratings=((2024, 5),),
            ),
            DemoProduct(
                sku="NK-TW-003",
                name_th="กระเป๋าถือย่านลิเภา",
                name_en="Yan lipao fern-vine handbag",
                category=HOUSEHOLD,
                unit="ใบ",
                price="6500.00",
                segment=A,
                ratings=((2022, 4), (2024, 5)),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Phatthalung (93)
    DemoMember(
        key="thalenoi-krajood",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนจักสานกระจูดทะเลน้อย",
        name_en="Thale Noi Krajood Weaving Community Enterprise",
        contact_name="นางอำไพ เพ็ชรรัตน์",
        phone="086-555-0119",
        email="thalenoi.krajood@example.org",
        line_id="thalenoi.krajood",
        address_line="21 หมู่ 4",
        province_code="93",
        district_code="9305",
        subdistrict_code="930502",
        community_enterprise_no="4-93-05-02/1-0008",
        products=(
            DemoProduct(
                sku="TN-KJ-001",
                name_th="กระเป๋าถือกระจูด",
                name_en="Krajood woven handbag",
                category=HOUSEHOLD,
                unit="ใบ",
                price="390.00",
                segment=B,
                certifications=(_mpc("93-0026/2566", "2027-02-28"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="TN-KJ-002",
                name_th="เสื่อกระจูด",
                name_en="Krajood mat",
                category=HOUSEHOLD,
                unit="ผืน",
                price="550.00",
                segment=C,
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="TN-KJ-003",
                name_th="กล่องใส่กระดาษทิชชูกระจูด",
                name_en="Krajood tissue box",
                category=HOUSEHOLD,
                unit="ชิ้น",
                price="150.00",
                segment=D,
                ratings=((2022, 2), (2024, 3)),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Trang (92)
    DemoMember(
        key="nayong-namuensi",
        member_type=GROUP,
        name_th="กลุ่มทอผ้าพื้นเมืองบ้านนาหมื่นศรี",
        name_en="Ban Na Muen Si Traditional Weaving Group",
        contact_name="นางสาวจันทร์เพ็ญ ทองหนูนุ้ย",
        phone="087-555-0120",
        email="namuensi.weaving@example.org",
        line_id=None,
        address_line="5 หมู่ 9",
        province_code="92",
        district_code="9208",
        subdistrict_code="920805",
        products=(
            DemoProduct(
                sku="NY-NM-001",
                name_th="ผ้าทอนาหมื่นศรีลายลูกแก้ว",
                name_en="Na Muen Si woven cloth, luk kaeo pattern",
                category=TEXTILES,
                unit="ผืน",
                price="1500.00",
                segment=A,
                certifications=(_mpc("92-0013/2565", "2026-09-30"),),
                ratings=((2022, 5), (2024, 5)),
            ),
            DemoProduct(
                sku="NY-NM-002",
                name_th="ผ้าเช็ดหน้าทอมือนาหมื่นศรี",
                name_en="Na Muen Si hand-woven handkerchief",
                category=TEXTILES,
                unit="ผืน",
                price="150.00",
                segment=B,
                ratings=((2024, 4),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Satun (91)
    DemoMember(
        key="langu-paknam",
        member_type=GROUP,
        name_th="กลุ่มแม่บ้านแปรรูปกุ้งบ้านปากน้ำ",
        name_en="Ban Paknam Shrimp Processing Housewives Group",
        contact_name="นางฮาบีบะ หลีเส็น",
        phone="084-555-0121",
        email=None,
        line_id="paknam.shrimp",
        address_line="40 หมู่ 2",
        province_code="91",
        district_code="9105",
        subdistrict_code="910504",
        status=MemberStatus.SUSPENDED,
        status_reason="ใบอนุญาตสถานที่ผลิต (อย.) หมดอายุ อยู่ระหว่างยื่นต่ออายุ",
        products=(
            DemoProduct(
                sku="LN-PN-001",
                name_th="กุ้งแห้งละงู",
                name_en="La-ngu dried shrimp",
                category=FOOD,
                unit="ถุง",
                price="250.00",
                segment=C,
                certifications=(_halal("HL-91-0064-2565"),),
                ratings=((2022, 3), (2024, 3)),
            ),
            DemoProduct(
                sku="LN-PN-002",
                name_th="ข้าวเกรียบกุ้งละงู",
                name_en="La-ngu shrimp crackers",
                category=FOOD,
                unit="ถุง",
                price="49.50",
                segment=D,
                ratings=((2024, 2),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Surat Thani (84)
    DemoMember(
        key="chaiya-saltedeggs",
        member_type=SME,
        name_th="บริษัท ไข่เค็มไชยาพุมเรียง จำกัด",
        name_en="Chaiya Phum Riang Salted Eggs Co., Ltd.",
        contact_name="นางวันเพ็ญ ณ ไชยา",
        phone="0-7755-5122",
        email="orders@chaiyaeggs.example.com",
        line_id="@chaiyaeggs",
        address_line="77 ถนนรักษ์นรกิจ",
        province_code="84",
        district_code="8406",
        subdistrict_code="840601",
        products=(
            DemoProduct(
                sku="CY-KK-001",
                name_th="ไข่เค็มไชยาพอกดินจอมปลวก",
                name_en="Chaiya salted eggs cured in termite-mound clay",
                category=FOOD,
                unit="แพ็ค",
                price="60.00",
                segment=A,
                certifications=(_fda("84-2-00219-2-0001"), _gmp("GMP-84-00095")),
                ratings=((2022, 4), (2024, 5)),
            ),
            DemoProduct(
                sku="CY-KK-002",
                name_th="ไข่เค็มไชยาต้มสุก",
                name_en="Boiled Chaiya salted eggs",
                category=FOOD,
                unit="กล่อง",
                price="75.00",
                segment=B,
                certifications=(_fda("84-2-00219-2-0002"),),
                ratings=((2024, 4),),
            ),
            DemoProduct(
                sku="CY-KK-003",
                name_th="ไข่แดงเค็มสำหรับเบเกอรี่",
                name_en="Salted egg yolks for bakeries",
                category=FOOD,
                unit="กล่อง",
                price="120.00",
                segment=C,
                certifications=(_fda("84-2-00219-2-0003"),),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Chumphon (86)
    DemoMember(
        key="thasae-robusta",
        member_type=GROUP,
        name_th="กลุ่มวิสาหกิจชุมชนกาแฟโรบัสต้าท่าแซะ",
        name_en="Tha Sae Robusta Coffee Community Enterprise",
        contact_name="นายสุริยา จันทร์แก้ว",
        phone="083-555-0123",
        email="thasae.robusta@example.org",
        line_id="thasae.coffee",
        address_line="118 หมู่ 10",
        province_code="86",
        district_code="8602",
        subdistrict_code="860201",
        community_enterprise_no="4-86-02-01/1-0017",
        products=(
            DemoProduct(
                sku="TS-KF-001",
                name_th="กาแฟโรบัสต้าคั่วเข้ม",
                name_en="Dark-roast robusta coffee",
                category=BEVERAGES,
                unit="ถุง",
                price="160.00",
                segment=B,
                certifications=(_fda("86-2-00140-2-0001"),),
                ratings=((2022, 3), (2024, 4)),
            ),
            DemoProduct(
                sku="TS-KF-002",
                name_th="กาแฟดริปแบบซอง",
                name_en="Drip-bag coffee",
                category=BEVERAGES,
                unit="กล่อง",
                price="150.00",
                segment=C,
                certifications=(_fda("86-2-00140-2-0002"),),
                ratings=((2024, 3),),
            ),
            DemoProduct(
                sku="TS-KF-003",
                name_th="สบู่กาแฟขัดผิว",
                name_en="Coffee scrub soap",
                category=HERBAL,
                unit="ก้อน",
                price="65.00",
                segment=D,
            ),
        ),
    ),
    # ---------------------------------------------------------------- Krabi (81)
    DemoMember(
        key="aonang-coconut",
        member_type=SME,
        name_th="บริษัท อันดามันโคโคนัท จำกัด",
        name_en="Andaman Coconut Co., Ltd.",
        contact_name="นางสาวนันทนา บุญช่วย",
        phone="091-555-0124",
        email="hello@andamancoconut.example.com",
        line_id="@andamancoconut",
        address_line="250/7 ถนนอ่าวนาง",
        province_code="81",
        district_code="8101",
        subdistrict_code="810116",
        status=MemberStatus.PENDING,
        preferred_language="en",
        products=(
            DemoProduct(
                sku="KB-AC-001",
                name_th="น้ำมันมะพร้าวสกัดเย็น",
                name_en="Virgin coconut oil",
                category=HERBAL,
                unit="ขวด",
                price="189.00",
                segment=C,
            ),
            DemoProduct(
                sku="KB-AC-002",
                name_th="สบู่น้ำมันมะพร้าว",
                name_en="Coconut oil soap",
                category=HERBAL,
                unit="ก้อน",
                price="79.00",
                segment=D,
            ),
            DemoProduct(
                sku="KB-AC-003",
                name_th="ถ้วยกะลามะพร้าวขัดเงา",
                name_en="Polished coconut-shell bowl",
                category=HOUSEHOLD,
                unit="ชิ้น",
                price="150.00",
                segment=D,
            ),
        ),
    ),
)

ROLES: tuple[DemoRole, ...] = (
    # The previous term's Songkhla president, kept so the history of the office shows.
    DemoRole("sathingphra-diluang", NetworkRole.PROVINCIAL_PRESIDENT, "90", TERM_2023),
    DemoRole("hatyai-khuanlang", NetworkRole.PROVINCIAL_PRESIDENT, "90", TERM_2025),
    DemoRole("chonnabot-mudmee", NetworkRole.PROVINCIAL_PRESIDENT, "40", TERM_2025),
    DemoRole("dongluang-chanotnoi", NetworkRole.PROVINCIAL_PRESIDENT, "49", TERM_2025),
    DemoRole("songkhla-koyo", NetworkRole.DISTRICT_PRESIDENT, "90", TERM_2025, "9001"),
    DemoRole("khonkaen-saepisan", NetworkRole.DISTRICT_PRESIDENT, "40", TERM_2025, "4001"),
    DemoRole("sathingphra-diluang", NetworkRole.COMMITTEE_MEMBER, "90", TERM_2025),
    DemoRole("singhanakhon-chingkho", NetworkRole.COMMITTEE_MEMBER, "90", TERM_2025),
    DemoRole("pattani-sabarang", NetworkRole.COMMITTEE_MEMBER, "94", TERM_2025),
    DemoRole("thalenoi-krajood", NetworkRole.COMMITTEE_MEMBER, "93", TERM_2025),
    DemoRole("sadao-herbs", NetworkRole.KBO_COMMITTEE, "90", TERM_2025),
    DemoRole("nakhon-nielloware", NetworkRole.KBO_COMMITTEE, "80", TERM_2025),
)


def _rating_note(round_year: int) -> str:
    return f"คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย ปี {round_year + 543}"


def member_body(member: DemoMember) -> dict[str, Any]:
    """The POST /v1/members body for one demo member."""
    return {
        "member_type": member.member_type,
        "name_th": member.name_th,
        "name_en": member.name_en,
        "contact": {
            "name": member.contact_name,
            "phone": member.phone,
            "email": member.email,
            "line_id": member.line_id,
        },
        "site": {
            "address_line": member.address_line,
            "province_code": member.province_code,
            "district_code": member.district_code,
            "subdistrict_code": member.subdistrict_code,
        },
        "community_enterprise": member.community_enterprise_no is not None,
        "community_enterprise_no": member.community_enterprise_no,
        "preferred_language": member.preferred_language,
    }


def product_body(product: DemoProduct) -> dict[str, Any]:
    """The POST /v1/members/{id}/products body for one demo product."""
    return {
        "sku": product.sku,
        "name_th": product.name_th,
        "name_en": product.name_en,
        "category": product.category,
        "unit": product.unit,
        "price": product.price,
        "certifications": [dict(c) for c in product.certifications],
        "segment": product.segment,
    }


class _Registry:
    """The registry's HTTP API as network staff use it: admin token, problem documents."""

    def __init__(self, client: httpx.AsyncClient, admin_token: str) -> None:
        self._client = client
        self._headers = {"Authorization": f"Bearer {admin_token}"}

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = await self._client.request(method, path, json=body, headers=self._headers)
        if not response.is_success:
            raise DemoDataError(method, path, response.status_code, _problem(response))
        return response.json()


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        document = response.json()
    except ValueError:
        document = None
    if isinstance(document, dict):
        return document
    return {"status": response.status_code, "detail": response.text[:500]}


async def _load(api: _Registry) -> dict[str, int]:
    counts = {"members": 0, "products": 0, "ratings": 0, "roles": 0}
    existing = await api.call("GET", "/v1/members?limit=1")
    if existing["items"]:
        return counts

    member_ids: dict[str, str] = {}
    for member in MEMBERS:
        created = await api.call("POST", "/v1/members", member_body(member))
        member_id = created["member_id"]
        member_ids[member.key] = member_id
        counts["members"] += 1
        if member.status is not MemberStatus.PENDING:
            await api.call(
                "POST",
                f"/v1/members/{member_id}/status",
                {"status": "active", "reason": "ผ่านการตรวจคุณสมบัติสมาชิกเครือข่าย"},
            )
        for product in member.products:
            listed = await api.call(
                "POST", f"/v1/members/{member_id}/products", product_body(product)
            )
            counts["products"] += 1
            for round_year, stars in product.ratings:
                await api.call(
                    "POST",
                    f"/v1/products/{listed['product_id']}/ratings",
                    {
                        "round_year": round_year,
                        "stars": stars,
                        "rated_on": ROUND_DAYS[round_year].isoformat(),
                        "note": _rating_note(round_year),
                    },
                )
                counts["ratings"] += 1

    # Suspensions come last: a suspended member's products and ratings stay on record.
    for member in MEMBERS:
        if member.status not in (MemberStatus.ACTIVE, MemberStatus.PENDING):
            await api.call(
                "POST",
                f"/v1/members/{member_ids[member.key]}/status",
                {"status": member.status, "reason": member.status_reason},
            )

    contacts = {m.key: m.contact_name for m in MEMBERS}
    for role in ROLES:
        await api.call(
            "POST",
            "/v1/roles",
            {
                "member_id": member_ids[role.member_key],
                "person_name": contacts[role.member_key],
                "role": role.role,
                "province_code": role.province_code,
                "district_code": role.district_code,
                "term_start": role.term[0].isoformat(),
                "term_end": role.term[1].isoformat(),
            },
        )
        counts["roles"] += 1
    return counts


async def load_demo_data(
    base_url: str, admin_token: str, *, client: httpx.AsyncClient | None = None
) -> dict[str, int]:
    """Load the demo network through the registry's API; return how many of each were loaded.

    `client`, when given, is used as is (its base URL already points at the registry);
    otherwise a client for `base_url` is opened and closed here. When the registry already
    has members nothing is loaded and every count is 0. A refused request raises
    DemoDataError carrying the registry's problem document.
    """
    if client is not None:
        return await _load(_Registry(client, admin_token))
    async with httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(30.0)) as own:
        return await _load(_Registry(own, admin_token))


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: load into the registry at `urls["registry"]`."""
    return await load_demo_data(urls["registry"], admin_token)
