"""A visitor reads the Nawatwithi communities and the calendar without signing in: Thai
first, the community's producers and products, the events held in its district marked."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import published_event
from tests.integration.registry.community_payloads import community_payload
from tests.integration.registry.helpers import list_product, register_active
from tests.integration.web_communities.conftest import PublicStack

pytestmark = pytest.mark.integration


async def _community_with_a_producer(stack: PublicStack) -> dict:
    member = await register_active(stack.registry)
    await list_product(stack.registry, member["member_id"])
    created = await stack.registry.post("/v1/communities", json=community_payload())
    assert created.status_code == 201, created.text
    community = created.json()
    joined = await stack.registry.post(
        f"/v1/communities/{community['community_id']}/members",
        json={"member_id": member["member_id"]},
    )
    assert joined.status_code == 200, joined.text
    return community


async def test_the_list_shows_communities_by_province_thai_first(public_stack: PublicStack):
    community = await _community_with_a_producer(public_stack)

    page = await public_stack.web.get("/communities")

    assert page.status_code == 200, page.text
    assert "จังหวัดสงขลา" in page.text and "Songkhla" in page.text
    assert f'href="/communities/{community["community_id"]}"' in page.text
    assert "หมู่ที่ 3 บ้านคูเต่า ต.คูเต่า อ.หาดใหญ่ จ.สงขลา" in page.text
    assert "ผู้ผลิต 1 ราย" in page.text
    elsewhere = await public_stack.web.get("/communities", params={"province_code": "40"})
    assert community["name_th"] not in elsewhere.text


async def test_a_community_page_has_its_story_products_and_the_events_of_its_district(
    public_stack: PublicStack,
):
    community = await _community_with_a_producer(public_stack)
    here = await published_event(
        public_stack.events,
        title_th="ตลาดนัดของดีอำเภอหาดใหญ่",
        venue_th="ลานวัฒนธรรม อำเภอหาดใหญ่",
    )
    await published_event(public_stack.events, title_th="งานในตัวเมือง")

    page = await public_stack.web.get(f"/communities/{community['community_id']}")

    assert page.status_code == 200, page.text
    text = page.text
    assert community_payload()["story_th"] in text
    assert "การสานเสื่อกระจูด" in text and "ตลาดน้ำคลองแห" in text
    assert "ข้าวเกรียบปลาสงขลา" in text and "85.50 บาท" in text and "อาหาร" in text
    assert "ในอำเภอหาดใหญ่" in text
    assert text.index(here["title_th"]) < text.index("งานในตัวเมือง")
    # The shop does not answer here: the products are shown without a link to it.
    assert "/shop/products/" not in text
    assert "นางสมศรี" not in text and "0812345678" not in text
    missing = await public_stack.web.get("/communities/not-a-community")
    assert missing.status_code == 404 and "ไม่พบชุมชนนี้" in missing.text


async def test_the_calendar_shows_a_month_in_buddhist_era_with_community_events_marked(
    public_stack: PublicStack,
):
    community = await _community_with_a_producer(public_stack)
    event = await published_event(public_stack.events, venue_th="ตำบลคูเต่า อำเภอหาดใหญ่")
    draft = await public_stack.events.post(
        "/v1/events", json=event_payload(title_th="ร่างที่ยังไม่ประกาศ")
    )
    assert draft.status_code == 201
    starts = datetime.fromisoformat(event["starts_at"])

    page = await public_stack.web.get("/calendar", params={"month": starts.strftime("%Y-%m")})

    assert page.status_code == 200, page.text
    assert f"{starts.year + 543}" in page.text
    assert event["title_th"] in page.text
    assert f'href="/communities/{community["community_id"]}"' in page.text
    assert "ร่างที่ยังไม่ประกาศ" not in page.text
