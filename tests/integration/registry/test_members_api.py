"""The members API over HTTP, against the real app, Postgres and broker."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN
from tests.integration.registry.helpers import (
    SITES,
    all_pages,
    assert_problem,
    change_status,
    list_product,
    register,
    register_active,
)
from tests.integration.registry.payloads import member_payload, product_payload

# Tone marks, sara am both precomposed (ำ) and spelt nikhahit + sara aa (ํา), mai yamok (ๆ),
# thanthakhat (์) and Thai digits: none of it may be normalised on the way.
THAI_NAME = "กลุ่มแม่บ้านทำขนมไทยเล็กๆ น้อยๆ บ้านน้ำกระจาย น้\u0e4d\u0e32ใส ๒๕๖๙ (ผ้าไหมมัดหมี่ก่ำ์)"


async def test_a_registered_member_is_pending_at_version_one_with_its_site_resolved(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.post("/v1/members", json=member_payload())

    assert response.status_code == 201, response.text
    member = response.json()
    assert response.headers["Location"] == f"/v1/members/{member['member_id']}"
    assert member["status"] == "pending"
    assert member["version"] == 1
    assert member["site"] == {
        "address_line": "99 หมู่ 3",
        "subdistrict_code": "901103",
        "district_code": "9011",
        "province_code": "90",
        "postal_code": "90110",
        "subdistrict_name_th": "คูเต่า",
        "district_name_th": "หาดใหญ่",
        "province_name_th": "สงขลา",
    }
    assert datetime.fromisoformat(member["registered_at"]).utcoffset() is not None


async def test_a_registered_member_reads_back_exactly_as_registered(
    registry: httpx.AsyncClient,
) -> None:
    created = await register(registry)

    got = await registry.get(f"/v1/members/{created['member_id']}")

    assert got.status_code == 200
    assert got.json() == created
    assert datetime.fromisoformat(got.json()["registered_at"]).utcoffset().total_seconds() == (
        7 * 3600
    )


async def test_thai_text_round_trips_byte_exact(registry: httpx.AsyncClient) -> None:
    contact = {"name": "นางสาวน้ำฝน ใจดี๋", "phone": "+66812345678"}
    created = await register(
        registry, name_th=THAI_NAME, contact=contact, site={**SITES["mukdahan"]}
    )

    got = await registry.get(f"/v1/members/{created['member_id']}")

    body = got.json()
    assert body["name_th"] == THAI_NAME
    assert body["name_th"].encode("utf-8") == THAI_NAME.encode("utf-8")
    assert body["contact"]["name"] == "นางสาวน้ำฝน ใจดี๋"
    assert body["site"]["address_line"] == SITES["mukdahan"]["address_line"]
    assert THAI_NAME.encode("utf-8") in got.content
    listed = await registry.get("/v1/members", params={"q": "น้\u0e4d\u0e32ใส"})
    assert [m["member_id"] for m in listed.json()["items"]] == [created["member_id"]]
    assert (await registry.get("/v1/members", params={"q": "น้ำใส"})).json()["items"] == []


async def test_a_contact_phone_is_stored_in_a_compact_form(registry: httpx.AsyncClient) -> None:
    created = await register(registry, contact={"name": "นายสมชาย ขยันดี", "phone": "081-234 5678"})
    assert created["contact"]["phone"] == "0812345678"


async def test_an_update_bumps_the_version_and_is_visible_on_read(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)

    response = await registry.patch(
        f"/v1/members/{member['member_id']}",
        json={"name_en": "Khu Tao Women's Food Group", "site": SITES["mueang_songkhla"]},
    )

    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["version"] == 2
    assert updated["name_en"] == "Khu Tao Women's Food Group"
    assert updated["site"]["district_name_th"] == "เมืองสงขลา"
    assert updated["name_th"] == member["name_th"]
    got = (await registry.get(f"/v1/members/{member['member_id']}")).json()
    assert got == updated


async def test_an_update_that_changes_nothing_keeps_the_version(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    payload = member_payload()

    response = await registry.patch(
        f"/v1/members/{member['member_id']}",
        json={"name_th": payload["name_th"], "contact": payload["contact"]},
    )

    assert response.status_code == 200, response.text
    assert response.json()["version"] == 1
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json()["version"] == 1


async def test_a_member_moves_through_its_statuses(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    member_id = member["member_id"]

    steps = [("active", 2), ("suspended", 3), ("active", 4), ("withdrawn", 5)]
    for status, version in steps:
        response = await change_status(registry, member_id, status, reason="มติที่ประชุม")
        assert response.status_code == 200, response.text
        assert (response.json()["status"], response.json()["version"]) == (status, version)

    got = (await registry.get(f"/v1/members/{member_id}")).json()
    assert (got["status"], got["version"]) == ("withdrawn", 5)


async def test_a_withdrawn_member_cannot_come_back_and_the_problem_says_why(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    assert (await change_status(registry, member["member_id"], "withdrawn")).status_code == 200

    response = await change_status(registry, member["member_id"], "active")

    problem = assert_problem(response, 409, "final")
    assert problem["type"].endswith("invalid-transition")
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json()["status"] == (
        "withdrawn"
    )


@pytest.mark.parametrize(("start", "target"), [("pending", "pending"), ("pending", "suspended")])
async def test_an_invalid_status_transition_is_a_409_problem(
    registry: httpx.AsyncClient, start: str, target: str
) -> None:
    member = await register(registry)
    assert member["status"] == start

    response = await change_status(registry, member["member_id"], target)

    assert_problem(response, 409, target)


async def test_an_unknown_status_is_a_422_problem(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    response = await change_status(registry, member["member_id"], "expelled")
    assert_problem(response, 422, "status")


async def test_a_withdrawn_member_cannot_be_updated(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    await change_status(registry, member["member_id"], "withdrawn")

    response = await registry.patch(
        f"/v1/members/{member['member_id']}", json={"name_en": "New name"}
    )

    assert_problem(response, 409, "withdrawn")


async def _members_in_every_area(registry: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    made = {
        "hat_yai_group": await register(registry, site=SITES["hat_yai"]),
        "hat_yai_sme": await register(
            registry,
            member_type="sme",
            name_th="ห้างหุ้นส่วนจำกัด หาดใหญ่ผ้าบาติก",
            name_en="Hat Yai Batik Ltd.",
            community_enterprise=False,
            community_enterprise_no=None,
            site=SITES["hat_yai"],
        ),
        "songkhla_owner": await register_active(
            registry,
            member_type="single_owner",
            name_th="ร้านขนมบ้าหวัก ยายเนียม",
            name_en="Yai Niam Sweets",
            site=SITES["mueang_songkhla"],
        ),
        "khon_kaen": await register_active(
            registry,
            name_th="กลุ่มทอผ้าไหมมัดหมี่บ้านโนนสะอาด",
            name_en="Ban Non Sa-at Mudmee Silk Weavers",
            site=SITES["khon_kaen"],
        ),
        "mukdahan": await register(
            registry,
            name_th="กลุ่มผ้าฝ้ายย้อมครามภูไท",
            name_en=None,
            site=SITES["mukdahan"],
        ),
    }
    await list_product(registry, made["khon_kaen"]["member_id"], sku="KK-SILK-01", segment="D")
    await list_product(registry, made["songkhla_owner"]["member_id"], sku="SK-SW-01", segment="A")
    return made


async def _ids(registry: httpx.AsyncClient, **params: Any) -> set[str]:
    pages = await all_pages(registry, "/v1/members", params)
    return {m["member_id"] for page in pages for m in page}


async def test_members_can_be_filtered_by_area_type_status_segment_and_name(
    registry: httpx.AsyncClient,
) -> None:
    made = await _members_in_every_area(registry)
    ids = {key: m["member_id"] for key, m in made.items()}

    assert await _ids(registry) == set(ids.values())
    assert await _ids(registry, province="90") == {
        ids["hat_yai_group"],
        ids["hat_yai_sme"],
        ids["songkhla_owner"],
    }
    assert await _ids(registry, district="9011") == {ids["hat_yai_group"], ids["hat_yai_sme"]}
    assert await _ids(registry, province="49") == {ids["mukdahan"]}
    assert await _ids(registry, type="sme") == {ids["hat_yai_sme"]}
    assert await _ids(registry, type="single_owner") == {ids["songkhla_owner"]}
    assert await _ids(registry, status="active") == {ids["songkhla_owner"], ids["khon_kaen"]}
    assert await _ids(registry, status="active", province="40") == {ids["khon_kaen"]}
    assert await _ids(registry, segment="D") == {ids["khon_kaen"]}
    assert await _ids(registry, segment="A") == {ids["songkhla_owner"]}
    assert await _ids(registry, segment="C") == set()
    assert await _ids(registry, q="ผ้าไหม") == {ids["khon_kaen"]}
    assert await _ids(registry, q="ครามภูไท") == {ids["mukdahan"]}
    assert await _ids(registry, q="batik") == {ids["hat_yai_sme"]}
    assert await _ids(registry, q="SWEETS") == {ids["songkhla_owner"]}
    assert await _ids(registry, q="ผ้า") == {ids["hat_yai_sme"], ids["khon_kaen"], ids["mukdahan"]}
    assert await _ids(registry, q="100%") == set()
    assert await _ids(registry, q="_") == set()


async def test_a_delisted_product_no_longer_puts_its_member_in_a_segment(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"], segment="D")
    assert await _ids(registry, segment="D") == {member["member_id"]}

    delisted = await registry.post(f"/v1/products/{product['product_id']}/delist", json={})
    assert delisted.status_code == 200, delisted.text

    assert await _ids(registry, segment="D") == set()


async def test_cursor_pages_do_not_overlap_and_cover_every_member(
    registry: httpx.AsyncClient,
) -> None:
    registered = [
        (await register(registry, name_th=f"กลุ่มวิสาหกิจชุมชนลำดับที่ {n}"))["member_id"] for n in range(7)
    ]

    pages = await all_pages(registry, "/v1/members", {"limit": 3})

    assert [len(page) for page in pages] == [3, 3, 1]
    seen = [m["member_id"] for page in pages for m in page]
    assert len(seen) == len(set(seen))
    assert seen == registered  # oldest first, in registration order


async def test_filtered_pagination_stays_within_the_filter(registry: httpx.AsyncClient) -> None:
    songkhla = [(await register(registry, site=SITES["hat_yai"]))["member_id"] for _ in range(3)]
    for _ in range(2):
        await register(registry, site=SITES["khon_kaen"])

    pages = await all_pages(registry, "/v1/members", {"limit": 2, "province": "90"})

    assert [len(page) for page in pages] == [2, 1]
    assert [m["member_id"] for page in pages for m in page] == songkhla


async def test_a_page_exactly_full_has_no_next_cursor(registry: httpx.AsyncClient) -> None:
    for _ in range(2):
        await register(registry)
    response = await registry.get("/v1/members", params={"limit": 2})
    assert len(response.json()["items"]) == 2
    assert response.json()["next_cursor"] is None


def _cursor(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "!!!",
        "ก",
        _cursor([1, 2]),
        _cursor({"after": "x"}),
        _cursor(["2026-01-01T00:00:00+07:00", 5]),
        _cursor(["2026-01-01T00:00:00+07:00", ["x"]]),
        _cursor(["2026-01-01T00:00:00+07:00", "not-a-uuid"]),
        _cursor(["yesterday", str(uuid.uuid4())]),
        _cursor(["2026-01-01T00:00:00", str(uuid.uuid4())]),
        _cursor(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())]),
        _cursor(["9999-12-31T23:59:59-14:00", str(uuid.uuid4())]),
    ],
    ids=[
        "not-base64-json",
        "punctuation",
        "thai-letter",
        "numbers",
        "object",
        "id-is-a-number",
        "id-is-a-list",
        "id-is-not-a-uuid",
        "moment-is-not-a-time",
        "moment-without-timezone",
        "moment-before-year-one-in-utc",
        "moment-after-year-9999-in-utc",
    ],
)
@pytest.mark.parametrize("path", ["/v1/members", "/v1/products"])
async def test_a_malformed_cursor_is_a_422_problem_not_a_500(
    registry: httpx.AsyncClient, path: str, cursor: str
) -> None:
    response = await registry.get(path, params={"cursor": cursor})
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize(
    ("site", "fragments"),
    [
        ({**SITES["hat_yai"], "province_code": "99"}, ["99"]),
        ({**SITES["hat_yai"], "province_code": "9"}, ["9"]),
        ({**SITES["hat_yai"], "district_code": "4001"}, ["4001", "90"]),
        ({**SITES["hat_yai"], "district_code": "9099"}, ["9099"]),
        ({**SITES["hat_yai"], "subdistrict_code": "900101"}, ["900101", "9011"]),
        ({**SITES["hat_yai"], "subdistrict_code": "901199"}, ["901199"]),
        ({**SITES["hat_yai"], "postal_code": "90000"}, ["90000"]),
    ],
    ids=[
        "unknown-province",
        "malformed-province",
        "district-in-another-province",
        "unknown-district",
        "subdistrict-in-another-district",
        "unknown-subdistrict",
        "wrong-postal-code",
    ],
)
async def test_a_site_that_does_not_exist_as_given_is_rejected_with_a_problem_document(
    registry: httpx.AsyncClient, site: dict[str, str], fragments: list[str]
) -> None:
    response = await registry.post("/v1/members", json=member_payload(site=site))

    assert_problem(response, 422, *fragments)
    assert (await registry.get("/v1/members")).json()["items"] == []


async def test_the_district_outside_the_province_is_rejected_with_a_problem_document(
    registry: httpx.AsyncClient,
) -> None:
    site = {**SITES["khon_kaen"], "province_code": "90"}
    response = await registry.post("/v1/members", json=member_payload(site=site))
    problem = assert_problem(response, 422, "4001", "เมืองขอนแก่น", "สงขลา")
    assert problem["type"].endswith("invalid-input")


async def test_moving_a_member_to_a_site_outside_its_district_is_rejected(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    site = {**SITES["hat_yai"], "subdistrict_code": "400101"}

    response = await registry.patch(f"/v1/members/{member['member_id']}", json={"site": site})

    assert_problem(response, 422, "400101")
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json() == member


async def test_a_thai_name_longer_than_200_characters_is_a_422_problem(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.post("/v1/members", json=member_payload(name_th="ก" * 201))
    body = assert_problem(response, 422, "name_th")
    assert any(e["field"] == "name_th" for e in body["errors"])

    exactly = await registry.post("/v1/members", json=member_payload(name_th="ก" * 200))
    assert exactly.status_code == 201, exactly.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"member_type": "cooperative"}, "member_type"),
        ({"name_th": ""}, "name_th"),
        ({"name_th": "   "}, "name_th"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"contact": {"name": "นายเอ", "phone": "12345"}}, "contact.phone"),
        ({"contact": {"name": "นายเอ", "email": "not-mail"}}, "contact.email"),
        ({"unexpected": True}, "unexpected"),
        ({"community_enterprise": False}, "community_enterprise"),
    ],
)
async def test_invalid_member_input_is_a_422_problem_naming_the_field(
    registry: httpx.AsyncClient, overrides: dict[str, Any], field: str
) -> None:
    response = await registry.post("/v1/members", json=member_payload(**overrides))
    assert_problem(response, 422, field)


async def test_a_body_that_is_not_json_is_a_422_problem(registry: httpx.AsyncClient) -> None:
    response = await registry.post(
        "/v1/members", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"name_en": "x"}),
        ("POST", "/status", {"status": "active"}),
        ("POST", "/products", None),
    ],
)
async def test_an_unknown_member_is_a_404_problem(
    registry: httpx.AsyncClient, method: str, suffix: str, body: Any
) -> None:
    missing = uuid.uuid4()
    if suffix == "/products":
        body = product_payload()
    response = await registry.request(method, f"/v1/members/{missing}{suffix}", json=body)
    assert_problem(response, 404, str(missing))


async def test_a_member_id_that_is_not_a_uuid_is_a_422_problem(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.get("/v1/members/12345")
    assert_problem(response, 422, "member_id")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {ADMIN_TOKEN}"},
        {"Authorization": ADMIN_TOKEN},
        {"Authorization": "Bearer "},
    ],
    ids=["missing", "wrong-token", "basic-scheme", "no-scheme", "empty"],
)
async def test_a_missing_or_wrong_bearer_token_is_a_401_problem(
    registry: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    transport = httpx.ASGITransport(app=registry.app)  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=transport, base_url="http://registry") as anonymous:
        for method, path in [("GET", "/v1/members"), ("POST", "/v1/members")]:
            response = await anonymous.request(method, path, headers=headers, json=member_payload())
            assert_problem(response, 401)
            assert response.headers["WWW-Authenticate"] == "Bearer"
    assert (await registry.get("/v1/members")).json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"province": "9"},
        {"province": "ab"},
        {"district": "90110"},
        {"type": "cooperative"},
        {"status": "gone"},
        {"segment": "E"},
        {"limit": 0},
        {"limit": 201},
        {"limit": "many"},
        {"q": ""},
        {"q": "x" * 101},
        {"q": "\x00"},
    ],
)
async def test_bad_list_parameters_are_4xx_problems(
    registry: httpx.AsyncClient, params: dict[str, Any]
) -> None:
    response = await registry.get("/v1/members", params=params)
    assert_problem(response, 422)


async def test_a_correlation_id_sent_is_echoed_back(registry: httpx.AsyncClient) -> None:
    correlation = str(uuid.uuid4())
    response = await registry.post(
        "/v1/members", json=member_payload(), headers={"X-Correlation-ID": correlation}
    )
    assert response.headers["X-Correlation-ID"] == correlation
