"""Tried as a new user would: the registry and the events service as their own processes,
staff publish a showcase with 3 booths, 5 members apply, 3 are confirmed with booths and 2
waitlisted, one cancels and the first waitlisted is promoted into the freed booth; every step
is read back from Kafka, and a phone's calendar gets the showcase from the public feed."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from icalendar import Calendar

from services import topology
from shared.timeutil import now_bangkok
from tests.conftest import ADMIN_TOKEN, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.infrastructure import Servers
from tests.integration.registry.payloads import member_payload, product_payload
from tests.kafka_probe import KafkaProbe, Received, event_of_type

EVENTS_MIGRATIONS = topology.EVENTS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations

STAFF = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def _producer(registry: httpx.AsyncClient, category: str) -> str:
    member = await _ok(await registry.post("/v1/members", json=member_payload()), 201)
    member_id = str(member["member_id"])
    await _ok(await registry.post(f"/v1/members/{member_id}/status", json={"status": "active"}))
    product = product_payload(sku=f"SKU-{uuid.uuid4().hex[:10]}", category=category)
    await _ok(await registry.post(f"/v1/members/{member_id}/products", json=product), 201)
    return member_id


def _data(message: Received) -> dict[str, Any]:
    data: dict[str, Any] = message.json()["data"]
    return data


async def test_a_showcase_with_three_booths_run_by_staff_end_to_end(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
):
    common = {
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "KAFKA_TOPIC_PARTITIONS": "3",
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
    }
    registry_env = common | {
        "DATABASE_URL": await provision(database, "registry", REGISTRY_MIGRATIONS)
    }
    events_env = common | {"DATABASE_URL": await provision(database, "events", EVENTS_MIGRATIONS)}
    registry_process = ServiceProcess(
        "services.registry.app:create_app", registry_env, tmp_path / "registry.log"
    )
    events_process = ServiceProcess(
        "services.events.app:create_app", events_env, tmp_path / "events.log"
    )
    processes.extend([registry_process, events_process])
    await asyncio.gather(
        asyncio.to_thread(registry_process.wait_ready),
        asyncio.to_thread(events_process.wait_ready),
    )
    async with (
        httpx.AsyncClient(base_url=registry_process.url, headers=STAFF, timeout=10) as registry,
        httpx.AsyncClient(base_url=events_process.url, headers=STAFF, timeout=10) as events,
    ):
        members = [
            await _producer(registry, c)
            for c in ("food", "beverages", "food", "textiles_and_clothing", "food")
        ]

        async def known() -> bool:
            for member_id in members:
                found = await events.get(f"/v1/members/{member_id}")
                if found.status_code != 200 or found.json()["listed_products"] != 1:
                    return False
            return True

        await eventually(known, timeout=90)

        probe_topics = ["events.showcases.v1", "events.registrations.v1"]
        async with KafkaProbe(servers.bootstrap_servers, probe_topics) as probe:
            start = (now_bangkok() + timedelta(days=45)).replace(
                hour=10, minute=0, second=0, microsecond=0
            )
            draft = await _ok(
                await events.post(
                    "/v1/events",
                    json={
                        "kind": "showcase",
                        "title_th": "2 ทศวรรษ OTOP ภาคใต้",
                        "host_province_code": "90",
                        "venue_th": "ศูนย์ประชุมนานาชาติ มหาวิทยาลัยสงขลานครินทร์",
                        "starts_at": start.isoformat(),
                        "ends_at": (start + timedelta(days=4, hours=11)).isoformat(),
                        "registration_opens_at": now_bangkok().isoformat(),
                        "registration_closes_at": (start - timedelta(days=3)).isoformat(),
                        "capacity": 3,
                    },
                ),
                201,
            )
            event_id = draft["event_id"]
            await _ok(await events.post(f"/v1/events/{event_id}/publish"))
            await probe.wait_for(event_of_type("event.published", event_id))

            applied = [
                await _ok(
                    await events.post(
                        f"/v1/events/{event_id}/registrations", json={"member_id": m}
                    ),
                    201,
                )
                for m in members
            ]
            assert [a["status"] for a in applied] == ["confirmed"] * 3 + ["waitlisted"] * 2
            given = {(a["booth"]["zone"], a["booth"]["booth_number"]) for a in applied[:3]}
            assert len(given) == 3

            for a in applied[:3]:
                await probe.wait_for(event_of_type("registration.confirmed", a["registration_id"]))
                await probe.wait_for(event_of_type("booth.assigned", a["registration_id"]))
            for a in applied[3:]:
                await probe.wait_for(event_of_type("registration.waitlisted", a["registration_id"]))

            leaving = applied[1]
            await _ok(await events.post(f"/v1/registrations/{leaving['registration_id']}/cancel"))
            await probe.wait_for(
                event_of_type("registration.cancelled", leaving["registration_id"])
            )
            first_waiting = applied[3]["registration_id"]
            [promoted] = await probe.wait_for(event_of_type("registration.promoted", first_waiting))
            [booth] = await probe.wait_for(event_of_type("booth.assigned", first_waiting))
            assert _data(promoted)["member_id"] == members[3]
            assert (_data(booth)["zone"], _data(booth)["booth_number"]) == (
                leaving["booth"]["zone"],
                leaving["booth"]["booth_number"],
            )

        confirmed = await _ok(
            await events.get(f"/v1/events/{event_id}/registrations", params={"status": "confirmed"})
        )
        assert sorted(r["member_id"] for r in confirmed["items"]) == sorted(
            [members[0], members[2], members[3]]
        )

    # A phone subscribes to the public feed: no token.
    async with httpx.AsyncClient(base_url=events_process.url, timeout=10) as phone:
        feed = await phone.get("/v1/calendar.ics", params={"province": "90"})
    assert feed.status_code == 200, feed.text
    [entry] = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "2 ทศวรรษ OTOP ภาคใต้"
    assert str(entry["UID"]).startswith(event_id)
