"""As a new member would see it: the registry and notifications processes over the real
broker, e-mail into the mail catcher. Registering for an event (waitlisted), being promoted
and a day of sales each bring exactly one Thai e-mail, readable on the catcher's page."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from pathlib import Path

import httpx
from faststream.kafka import KafkaBroker
from pydantic import BaseModel

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port
from services import topology
from shared.messaging.outbox import envelope_for
from shared.messaging.publisher import KafkaMessagePublisher
from tests.conftest import ADMIN_TOKEN, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.infrastructure import Servers
from tests.integration.registry.payloads import member_payload
from tests.unit.notifications import samples

NOTIFICATIONS_MIGRATIONS = topology.NOTIFICATIONS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations


async def test_a_new_member_reads_each_message_once_in_thai_in_the_mail_catcher(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
) -> None:
    registry_dsn = await provision(database, "registry", REGISTRY_MIGRATIONS)
    notifications_dsn = await provision(database, "notifications", NOTIFICATIONS_MIGRATIONS)
    catcher = MailCatcher(smtp_port=free_port(), http_port=free_port())
    await catcher.start()
    kafka = KafkaBroker(servers.bootstrap_servers, acks="all", enable_idempotence=False)
    await kafka.start()
    common = {
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
    }
    try:
        registry = ServiceProcess(
            "services.registry.app:create_app",
            common | {"DATABASE_URL": registry_dsn},
            tmp_path / "registry.log",
        )
        processes.append(registry)
        notifications = ServiceProcess(
            "services.notifications.app:create_app",
            common
            | {
                "DATABASE_URL": notifications_dsn,
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(catcher.smtp_port),
                "WORKER_POLL_INTERVAL_SECONDS": "0.2",
            },
            tmp_path / "notifications.log",
        )
        processes.append(notifications)
        await asyncio.to_thread(registry.wait_ready)
        await asyncio.to_thread(notifications.wait_ready)

        email = f"member-{uuid.uuid4().hex[:8]}@example.org"
        payload = member_payload()
        payload["contact"] = {**payload["contact"], "email": email}
        async with httpx.AsyncClient(
            base_url=registry.url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        ) as client:
            created = await client.post("/v1/members", json=payload)
        assert created.status_code == 201, created.text
        member_id = uuid.UUID(created.json()["member_id"])

        publisher = KafkaMessagePublisher(kafka)

        async def publish(producer: str, key: uuid.UUID, data: BaseModel) -> None:
            topic, envelope = envelope_for(producer, str(key), data)
            result = await publisher.publish_ordered(
                [(topic, str(key).encode(), envelope.model_dump_json().encode(), {})]
            )
            assert result.confirmed == 1

        event = samples.summary()
        waitlisted = samples.waitlisted(member_id, event)
        await publish("events", waitlisted.registration_id, waitlisted)
        promoted = samples.promoted(member_id, event).model_copy(
            update={"registration_id": waitlisted.registration_id}
        )
        await publish("events", waitlisted.registration_id, promoted)
        digest = samples.daily_summary(member_id, day=date(2026, 11, 20), gross="1250.50")
        await publish("sales", member_id, digest)

        async with httpx.AsyncClient(base_url=catcher.web_url) as web:

            async def three_mails() -> list[dict]:
                mails = (await web.get("/api/messages")).json()["messages"]
                mine = [m for m in mails if email in m["to"]]
                return mine if len(mine) >= 3 else []

            mails = await eventually(three_mails, timeout=90)
            await asyncio.sleep(2)  # nothing more arrives for this member
            mails = [
                m for m in (await web.get("/api/messages")).json()["messages"] if email in m["to"]
            ]
            page = (await web.get("/")).text
        subjects = sorted(m["subject"] for m in mails)
        assert len(subjects) == 3, subjects
        assert [s.split(":")[0] for s in subjects] == sorted(
            ["อยู่ในรายชื่อสำรอง", "ได้รับสิทธิ์เข้าร่วมแล้ว", "สรุปยอดขายประจำวันที่ 20 พฤศจิกายน 2569"]
        )
        [digest_mail] = [m for m in mails if m["subject"].startswith("สรุปยอดขาย")]
        assert "ยอดขาย: 1,250.50 บาท" in digest_mail["body"]
        assert "กลุ่มแม่บ้านเกษตรกรบ้านคูเต่า" in digest_mail["body"]
        assert "สรุปยอดขายประจำวันที่ 20 พฤศจิกายน 2569" in page
    finally:
        await kafka.stop()
        await catcher.stop()
