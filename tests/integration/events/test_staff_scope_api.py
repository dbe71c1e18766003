"""Staff tokens over HTTP, signed with the web front's key: each role changes the calendar
and its registrations only in its own province, a refusal is a 403 problem that changes
nothing, and every change is in the audit trail and on the message under the account's id."""

from __future__ import annotations

import pytest

from shared.identity.roles import Role
from tests.integration.events.conftest import StaffEvents
from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import assert_problem, published_event
from tests.kafka_probe import KafkaProbe, event_of_type

pytestmark = pytest.mark.integration

SHOWCASES = "events.showcases.v1"


async def test_staff_of_another_province_are_refused_and_nothing_changes(
    staff_events: StaffEvents,
) -> None:
    khon_kaen = staff_events.staff((Role.PROVINCIAL_OFFICER, "40"))
    planned = await khon_kaen.client.post("/v1/events", json=event_payload())
    assert_problem(planned, 403, "ไม่มีสิทธิ์จัดการกิจกรรม", "area 90")
    listed = await staff_events.admin.get("/v1/events")
    assert listed.json()["items"] == []

    draft = (await staff_events.admin.post("/v1/events", json=event_payload())).json()
    path = f"/v1/events/{draft['event_id']}"
    assert_problem(await khon_kaen.client.patch(path, json={"capacity": 9}), 403)
    assert_problem(await khon_kaen.client.post(f"{path}/publish"), 403)
    assert_problem(await khon_kaen.client.post(f"{path}/cancel"), 403)
    # Reading stays open to every staff member.
    read = await khon_kaen.client.get(path)
    assert read.status_code == 200, read.text
    assert (read.json()["status"], read.json()["capacity"], read.json()["version"]) == (
        "draft",
        3,
        1,
    )
    trail = await khon_kaen.client.get("/v1/audit", params={"aggregate_id": draft["event_id"]})
    assert [r["actor"]["kind"] for r in trail.json()["items"]] == ["operator"]


async def test_the_host_provinces_committee_plans_and_publishes_under_its_own_id(
    staff_events: StaffEvents, servers
) -> None:  # type: ignore[no-untyped-def]
    committee = staff_events.staff((Role.NETWORK_COMMITTEE, "90"))
    async with KafkaProbe(servers.bootstrap_servers, [SHOWCASES]) as probe:
        event = await published_event(committee.client)
        [message] = await probe.wait_for(event_of_type("event.published", event["event_id"]))
    assert message.headers.get("actor_id") == committee.account_id

    trail = await staff_events.admin.get("/v1/audit", params={"aggregate_id": event["event_id"]})
    assert trail.status_code == 200, trail.text
    rows = trail.json()["items"]
    assert {(r["action"], r["actor"]["kind"], r["actor"]["id"]) for r in rows} == {
        ("event.planned", "staff", committee.account_id),
        ("event.published", "staff", committee.account_id),
    }


async def test_a_district_officer_registers_members_in_its_province_and_plans_nothing(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin)
    member_id = await staff_events.registry_feed.member()
    hat_yai = staff_events.staff((Role.DISTRICT_OFFICER, "9011"))
    khon_kaen = staff_events.staff((Role.DISTRICT_OFFICER, "4001"))
    path = f"/v1/events/{event['event_id']}/registrations"

    refused = await khon_kaen.client.post(path, json={"member_id": str(member_id)})
    assert_problem(refused, 403, "ไม่มีสิทธิ์จัดการการลงทะเบียน")
    listed = await staff_events.admin.get(path)
    assert listed.json()["items"] == []

    registered = await hat_yai.client.post(path, json={"member_id": str(member_id)})
    assert registered.status_code == 201, registered.text
    registration_id = registered.json()["registration_id"]
    trail = await staff_events.admin.get("/v1/audit", params={"actor_id": hat_yai.account_id})
    assert {(r["action"], r["aggregate_id"]) for r in trail.json()["items"]} >= {
        ("registration.confirmed", registration_id)
    }

    assert_problem(await hat_yai.client.post("/v1/events", json=event_payload()), 403)


async def test_auditors_and_shop_managers_read_but_change_nothing(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin)
    member_id = await staff_events.registry_feed.member()
    for reader in (
        staff_events.staff((Role.AUDITOR, None)),
        staff_events.staff((Role.SHOP_MANAGER, "centre")),
    ):
        path = f"/v1/events/{event['event_id']}"
        assert (await reader.client.get(path)).status_code == 200
        assert (await reader.client.get(f"{path}/registrations")).status_code == 200
        applied = await reader.client.post(
            f"{path}/registrations", json={"member_id": str(member_id)}
        )
        assert_problem(applied, 403)
        assert_problem(await reader.client.post(f"{path}/cancel"), 403)
    after = (await staff_events.admin.get(f"/v1/events/{event['event_id']}")).json()
    assert after["status"] == "published"
    assert after["registrations"]["confirmed"] == 0


async def test_a_members_personal_data_is_for_administrators_only(
    staff_events: StaffEvents,
) -> None:
    member_id = await staff_events.registry_feed.member()
    officer = staff_events.staff((Role.PROVINCIAL_OFFICER, "90"))
    administrator = staff_events.staff((Role.ADMINISTRATOR, None))
    assert (await officer.client.get(f"/v1/members/{member_id}")).status_code == 200
    assert_problem(await officer.client.get(f"/v1/members/{member_id}/personal-data"), 403)
    held = await administrator.client.get(f"/v1/members/{member_id}/personal-data")
    assert held.status_code == 200, held.text
