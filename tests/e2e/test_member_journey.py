"""Two members' journey through the whole platform, as they and the staff live it: the
registry, events, sales and notifications services as their own OS processes over the real
broker, e-mail into the mail catcher. Staff register and activate two producers; at a
showcase with one booth the first is confirmed with the booth and the second waitlisted; the
first cancels and the second is promoted into the freed booth; the shop's terminal sells the
second member's products (a retried upload counted once) and staff publish that day's sales
summary. Each member then holds exactly the Thai e-mails they should, once each, and the
delivery log and notifications.deliveries.v1 say the same."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port
from services import topology
from shared.timeutil import BANGKOK, now_bangkok
from tests.conftest import ADMIN_TOKEN, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.infrastructure import Servers
from tests.integration.registry.payloads import member_payload, product_payload
from tests.kafka_probe import KafkaProbe, Received, event_of_type

EVENTS_MIGRATIONS = topology.EVENTS.migrations
NOTIFICATIONS_MIGRATIONS = topology.NOTIFICATIONS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations
SALES_MIGRATIONS = topology.SALES.migrations

STAFF = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
SHOWCASE_TH = "มหกรรมสินค้า OTOP สงขลา"
PRICE = Decimal("411.50")  # B's sarong; 3 sold on the backlog day make 1,234.50
THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)


def _thai_day(day: date) -> str:
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _member_a(email: str) -> dict[str, Any]:
    payload = member_payload()  # กลุ่มแม่บ้านเกษตรกรบ้านคูเต่า, Hat Yai, Songkhla
    payload["contact"] = {**payload["contact"], "email": email}
    return payload


def _member_b(email: str) -> dict[str, Any]:
    return member_payload(
        name_th="กลุ่มทอผ้าเกาะยอ",
        name_en="Ko Yo Weavers Group",
        contact={
            "name": "นางอำไพ ทองแก้ว",
            "phone": "0898765432",
            "email": email,
            "line_id": "amphai.koyo",
        },
        site={
            "address_line": "12 หมู่ 2",
            "province_code": "90",
            "district_code": "9001",
            "subdistrict_code": "900106",  # เกาะยอ, Mueang Songkhla
        },
        community_enterprise_no="9001-0456",
    )


async def _register(
    registry: httpx.AsyncClient, payload: dict[str, Any], product: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    member_id = str(_ok(await registry.post("/v1/members", json=payload), 201)["member_id"])
    _ok(await registry.post(f"/v1/members/{member_id}/status", json={"status": "active"}))
    listed = _ok(await registry.post(f"/v1/members/{member_id}/products", json=product), 201)
    return member_id, listed


def _sale(sku: str, quantity: int, at: datetime, method: str, paid: Decimal) -> dict[str, Any]:
    return {
        "sale_id": str(uuid.uuid4()),
        "occurred_at": at.isoformat(),
        "lines": [{"sku": sku, "quantity": quantity, "unit_price": str(PRICE)}],
        "payments": [{"method": method, "amount": str(paid)}],
    }


async def _mails_to(web: httpx.AsyncClient, address: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = (await web.get("/api/messages")).json()["messages"]
    return [m for m in messages if address in m["to"]]


def _delivery_sent_to(members: set[str]) -> Callable[[Received], bool]:
    def match(message: Received) -> bool:
        return (
            event_of_type("delivery.sent")(message)
            and message.json()["data"]["member_id"] in members
        )

    return match


def _start(app: str, env: dict[str, str], log: Path) -> ServiceProcess:
    return ServiceProcess(f"services.{app}.app:create_app", env, log / f"{app}.log")


async def start_services(
    database: Database,
    servers: Servers,
    processes: list[ServiceProcess],
    logs: Path,
    smtp_port: int,
) -> dict[str, ServiceProcess]:
    """The four services as their own processes, as the journey runs them (logs in `logs`,
    e-mail to `smtp_port`); ready when this returns."""
    common = {
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "KAFKA_TOPIC_PARTITIONS": "3",
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
    }
    env = {
        "registry": {"DATABASE_URL": await provision(database, "registry", REGISTRY_MIGRATIONS)},
        "events": {"DATABASE_URL": await provision(database, "events", EVENTS_MIGRATIONS)},
        # The summary job is off so that the staff run below is what publishes the day.
        "sales": {
            "DATABASE_URL": await provision(database, "sales", SALES_MIGRATIONS),
            "SALES_SUMMARY_JOB": "false",
        },
        # E-mail is the only channel configured: LINE and SMS have no settings.
        "notifications": {
            "DATABASE_URL": await provision(database, "notifications", NOTIFICATIONS_MIGRATIONS),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            "WORKER_POLL_INTERVAL_SECONDS": "0.2",
        },
    }
    started = {name: _start(name, common | extra, logs) for name, extra in env.items()}
    processes.extend(started.values())
    await asyncio.gather(*(asyncio.to_thread(p.wait_ready) for p in started.values()))
    return started


async def test_two_members_hear_each_step_of_their_showcase_and_sales_once_in_thai(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
) -> None:
    catcher = MailCatcher(smtp_port=free_port(), http_port=free_port())
    await catcher.start()
    try:
        started = await start_services(database, servers, processes, tmp_path, catcher.smtp_port)
        async with (
            KafkaProbe(servers.bootstrap_servers, ["notifications.deliveries.v1"]) as probe,
            httpx.AsyncClient(base_url=started["registry"].url, headers=STAFF) as registry,
            httpx.AsyncClient(base_url=started["events"].url, headers=STAFF) as events,
            httpx.AsyncClient(base_url=started["sales"].url, headers=STAFF) as sales,
            httpx.AsyncClient(
                base_url=started["notifications"].url, headers=STAFF
            ) as notifications,
            httpx.AsyncClient(base_url=catcher.web_url) as web,
        ):
            await run_journey(registry, events, sales, notifications, web, probe)
    finally:
        await catcher.stop()


@dataclass(frozen=True)
class JourneyMember:
    """A member the journey registered, with the contact details it gave."""

    member_id: str
    contact: dict[str, str]


async def run_journey(
    registry: httpx.AsyncClient,
    events: httpx.AsyncClient,
    sales: httpx.AsyncClient,
    notifications: httpx.AsyncClient,
    web: httpx.AsyncClient,
    probe: KafkaProbe,
) -> tuple[JourneyMember, JourneyMember]:
    """The journey of members A and B; returns them (B is the one whose products sold)."""
    # 1. Staff register and activate two producers, each with a product; e-mail only.
    tag = uuid.uuid4().hex[:8]
    email_a, email_b = f"khutao-{tag}@example.org", f"koyo-{tag}@example.org"
    payload_a, payload_b = _member_a(email_a), _member_b(email_b)
    member_a, _ = await _register(
        registry, payload_a, product_payload(sku=f"KT-{tag}", category="food")
    )
    member_b, sarong = await _register(
        registry,
        payload_b,
        product_payload(
            sku=f"KY-{tag}",
            name_th="ผ้าซิ่นเกาะยอลายราชวัตร",
            name_en="Ko Yo woven sarong",
            category="textiles_and_clothing",
            unit="ผืน",
            price=str(PRICE),
            certifications=[],
        ),
    )
    for member_id in (member_a, member_b):
        chosen = _ok(
            await notifications.put(
                f"/v1/members/{member_id}/preferences", json={"channels": ["email"]}
            )
        )
        assert chosen["channels"] == ["email"]

    # 2. A showcase with one booth: A confirmed with it, B waitlisted, A cancels, B promoted.
    async def events_knows_both() -> bool:
        for member_id in (member_a, member_b):
            found = await events.get(f"/v1/members/{member_id}")
            if found.status_code != 200:
                return False
            if (found.json()["status"], found.json()["listed_products"]) != ("active", 1):
                return False
        return True

    await eventually(events_knows_both, timeout=60, interval=0.2)
    start = datetime.combine(now_bangkok().date() + timedelta(days=40), time(10), BANGKOK)
    showcase = _ok(
        await events.post(
            "/v1/events",
            json={
                "kind": "showcase",
                "title_th": SHOWCASE_TH,
                "host_province_code": "90",
                "venue_th": "ศูนย์การค้าเซ็นทรัล หาดใหญ่",
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(days=3, hours=10)).isoformat(),
                "registration_opens_at": now_bangkok().isoformat(),
                "registration_closes_at": (start - timedelta(days=3)).isoformat(),
                "capacity": 1,
            },
        ),
        201,
    )
    event_id = showcase["event_id"]
    _ok(await events.post(f"/v1/events/{event_id}/publish"))
    applied_a = _ok(
        await events.post(f"/v1/events/{event_id}/registrations", json={"member_id": member_a}),
        201,
    )
    applied_b = _ok(
        await events.post(f"/v1/events/{event_id}/registrations", json={"member_id": member_b}),
        201,
    )
    assert applied_a["status"] == "confirmed" and applied_a["booth"] is not None
    assert applied_b["status"] == "waitlisted" and applied_b["booth"] is None
    _ok(await events.post(f"/v1/registrations/{applied_a['registration_id']}/cancel"))
    confirmed = _ok(
        await events.get(f"/v1/events/{event_id}/registrations", params={"status": "confirmed"})
    )["items"]
    assert [(r["member_id"], r["booth"]) for r in confirmed] == [(member_b, applied_a["booth"])]

    # 3. The shop's terminal: a live sale in its shift, retried, and yesterday's offline
    # backlog, one sale uploaded twice. Daily summaries are for finished business days only
    # (Asia/Bangkok), so the day summarised is yesterday's, which reaches the service the way
    # a terminal's offline sales do: as a backlog upload.
    async def sales_knows_the_sarong() -> bool:
        items = _ok(await sales.get("/v1/catalogue", params={"status": "listed"}))["items"]
        return any(p["sku"] == sarong["sku"] for p in items)

    await eventually(sales_knows_the_sarong, timeout=60, interval=0.2)
    # The shop's committee takes the sarong in, and its weaver delivers ten on consignment.
    sarong_id = str(sarong["product_id"])
    _ok(await sales.post("/v1/shop/assortment", json={"product_id": sarong_id}), 201)
    _ok(await sales.post(f"/v1/shop/assortment/{sarong_id}/approve", json={}))
    delivery = {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(sarong["member_id"]),
        "delivered_by": "ผู้ทอผ้า",
        "lines": [{"product_id": sarong_id, "quantity": 10, "lot_code": "SARONG-1"}],
    }
    _ok(await sales.post("/v1/shop/consignments", json=delivery), 201)
    terminal = _ok(
        await sales.post("/v1/terminals", json={"name": "หน้าร้านศูนย์ OTOP", "location": "shop"}), 201
    )
    assert terminal["api_key"].startswith("otop_tk_")
    listed_terminals = _ok(await sales.get("/v1/terminals"))["items"]
    assert terminal["api_key"] not in str(listed_terminals)  # shown once, never again
    async with httpx.AsyncClient(
        base_url=str(sales.base_url),
        headers={"Authorization": f"Bearer {terminal['api_key']}"},
    ) as till:
        shift = _ok(await till.post("/v1/shifts", json={"opening_float": "500.00"}), 201)
        live = _sale(sarong["sku"], 1, now_bangkok(), "cash", PRICE)
        assert (await till.post("/v1/sales", json=live)).status_code == 201
        assert (await till.post("/v1/sales", json=live)).status_code == 200
        yesterday = now_bangkok().date() - timedelta(days=1)
        afternoon = datetime.combine(yesterday, time(14, 30), BANGKOK)
        backlog = [
            _sale(sarong["sku"], 2, afternoon, "promptpay", 2 * PRICE),
            _sale(sarong["sku"], 1, afternoon + timedelta(minutes=40), "cash", Decimal("500.00")),
        ]
        uploaded = _ok(await till.post("/v1/sales/batch", json={"sales": backlog}))
        assert (uploaded["recorded"], uploaded["replayed"]) == (2, 0), uploaded
        again = _ok(await till.post("/v1/sales/batch", json={"sales": backlog[1:]}))
        assert (again["recorded"], again["replayed"]) == (0, 1), again
        closed = _ok(
            await till.post(
                f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "911.50"}
            )
        )
    assert (closed["sale_count"], closed["expected_cash"], closed["variance"]) == (
        1,
        "911.50",
        "0.00",
    )
    summarised = _ok(await sales.post("/v1/daily-summaries", json={"business_day": str(yesterday)}))
    [summary] = summarised["published"]
    assert (summary["producer_id"], summary["sale_count"], summary["items_sold"]) == (
        member_b,
        2,
        3,
    )
    assert Decimal(summary["net_sales"]) == Decimal("1234.50")

    # 4. Each member's mailbox: exactly the messages they should get, in Thai, once each.
    expected = {
        email_a: {
            "สถานะสมาชิกของท่าน": 1,
            "ยืนยันการลงทะเบียน": 1,
            "บูธของท่าน": 1,
            "ยกเลิกการลงทะเบียน": 1,
        },
        email_b: {
            "สถานะสมาชิกของท่าน": 1,
            "อยู่ในรายชื่อสำรอง": 1,
            "ได้รับสิทธิ์เข้าร่วมแล้ว": 1,
            "บูธของท่าน": 1,
            f"สรุปยอดขายประจำวันที่ {_thai_day(yesterday)}": 1,
            # The shop took the sarong in and received the weaver's delivery.
            f"ร้านศูนย์ OTOP รับสินค้า {sarong['name_th']} เข้าจำหน่ายแล้ว": 1,
            f"ร้านศูนย์ OTOP รับสินค้าฝากขายแล้ว ใบรับฝากเลขที่ CN-{now_bangkok().year + 543}-000001": 1,
        },
    }
    total = sum(sum(kinds.values()) for kinds in expected.values())

    async def all_arrived() -> bool:
        return sum([len(await _mails_to(web, a)) for a in expected]) >= total

    await eventually(all_arrived, timeout=120, interval=0.2)
    ours = _delivery_sent_to({member_a, member_b})
    await probe.wait_for(ours, count=total, timeout=20)
    await probe.settle(2.0)  # and nothing more is sent or published
    sent = [m for m in probe.received if ours(m)]
    mails = {address: await _mails_to(web, address) for address in expected}
    for address, kinds in expected.items():
        assert Counter(m["subject"].split(":")[0] for m in mails[address]) == kinds, [
            m["subject"] for m in mails[address]
        ]
    for mail in mails[email_a] + mails[email_b]:
        if not mail["subject"].startswith(("สถานะสมาชิก", "สรุปยอดขาย", "ร้านศูนย์ OTOP")):
            assert mail["subject"].endswith(f": {SHOWCASE_TH}"), mail["subject"]
    [waitlisted_b] = [m for m in mails[email_b] if m["subject"].startswith("อยู่ในรายชื่อสำรอง")]
    assert "ท่านอยู่ในรายชื่อสำรองลำดับที่ 1" in waitlisted_b["body"]
    [digest] = [m for m in mails[email_b] if m["subject"].startswith("สรุปยอดขาย")]
    assert "เรียน กลุ่มทอผ้าเกาะยอ" in digest["body"]
    assert "ยอดขาย: 1,234.50 บาท" in digest["body"]
    assert "ยอดขายสุทธิ: 1,234.50 บาท" in digest["body"]
    assert "จำนวนบิล: 2  จำนวนชิ้น: 3" in digest["body"]
    [booth_b] = [m for m in mails[email_b] if m["subject"].startswith("บูธของท่าน")]
    booth = applied_a["booth"]
    assert f"บูธโซน {booth['zone']} หมายเลข {booth['booth_number']}" in booth_b["body"]
    assert SHOWCASE_TH in booth_b["subject"]
    [cancelled_a] = [m for m in mails[email_a] if m["subject"].startswith("ยกเลิก")]
    assert "เรียน กลุ่มแม่บ้านเกษตรกรบ้านคูเต่า" in cancelled_a["body"]
    assert f'"{SHOWCASE_TH}"' in cancelled_a["body"]

    # The delivery log and the published outcomes agree with the mailboxes.
    published = [m.json()["data"] for m in sent]
    assert len(published) == total == len({d["delivery_id"] for d in published})
    for member_id, address in ((member_a, email_a), (member_b, email_b)):
        log = _ok(await notifications.get(f"/v1/members/{member_id}/deliveries"))["items"]
        assert {(d["state"], d["channel"]) for d in log} == {("sent", "email")}
        assert len(log) == len(mails[address])
        outcomes = {d["delivery_id"]: d for d in published if d["member_id"] == member_id}
        assert set(outcomes) == {d["delivery_id"] for d in log}
        assert Counter(d["kind"] for d in log) == Counter(d["kind"] for d in outcomes.values())
        assert all(d["channel"] == "email" for d in outcomes.values())
    return (
        JourneyMember(member_a, payload_a["contact"]),
        JourneyMember(member_b, payload_b["contact"]),
    )
