"""Who may change a development project: staff managing events in its host province; staff
elsewhere read it but are refused (403) every change, and the approving account of a
disbursement is the staff member's own."""

from __future__ import annotations

import pytest

from shared.contracts.registry import DevelopmentSegment
from shared.identity.roles import Role
from tests.integration.events.conftest import StaffEvents
from tests.integration.events.project_calls import allocate, kbo_project, select
from tests.integration.events.staff_calls import assert_problem

pytestmark = pytest.mark.integration


async def test_only_staff_of_the_host_province_change_a_project(
    staff_events: StaffEvents,
) -> None:
    group = await staff_events.registry_feed.member(segment=DevelopmentSegment.D, province="49")
    event_id = await kbo_project(staff_events.admin)
    mukdahan = staff_events.staff((Role.NETWORK_COMMITTEE, "49"))
    khon_kaen = staff_events.staff((Role.PROVINCIAL_OFFICER, "40"))
    auditor = staff_events.staff((Role.AUDITOR, None))

    refused = await khon_kaen.client.post(
        f"/v1/projects/{event_id}/selections", json={"member_ids": [str(group)]}
    )
    assert_problem(refused, 403)
    await select(mukdahan.client, event_id, group)
    assert_problem(await allocate(khon_kaen.client, event_id, group, "50000.00"), 403)
    assert_problem(await allocate(auditor.client, event_id, group, "50000.00"), 403)
    grant = await allocate(mukdahan.client, event_id, group, "50000.00")
    assert grant.status_code == 201, grant.text
    assert grant.json()["allocated_by"] == mukdahan.account_id

    path = f"/v1/projects/{event_id}/grants/{grant.json()['grant_id']}/disbursements"
    payment = {"amount": "10000.00", "disbursed_on": "2021-06-08"}
    assert_problem(await khon_kaen.client.post(path, json=payment), 403)
    paid = await mukdahan.client.post(path, json=payment)
    assert paid.status_code == 201, paid.text
    assert paid.json()["disbursements"][0]["approved_by"] == mukdahan.account_id

    read = await khon_kaen.client.get(f"/v1/projects/{event_id}/grants")
    assert read.status_code == 200
    assert read.json()["items"][0]["disbursed"] == "10000.00"
