"""Who changed what: the registry's audit trail and the actor on its events for staff
tokens; tokens that expired or that the web front did not sign are refused (401); privacy
requests are for administrators only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from tests.infrastructure import Servers
from tests.integration.registry.helpers import SITES, assert_problem, register
from tests.integration.registry.payloads import member_payload, product_payload
from tests.integration.registry.staff_tokens import (
    ADMINISTRATOR,
    HAT_YAI_OFFICER,
    SONGKHLA_OFFICER,
    as_staff,
    bearer,
)
from tests.kafka_probe import KafkaProbe, event_of_type

MEMBERS = "registry.members.v1"


async def test_the_audit_trail_names_the_staff_account_for_each_change_to_a_member(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    account = str(uuid.uuid4())
    officer = as_staff(staff_signer, HAT_YAI_OFFICER, account_id=account)
    made = await registry.post("/v1/members", json=member_payload(), headers=officer)
    assert made.status_code == 201, made.text
    member_id = made.json()["member_id"]
    for path, body in [
        (f"/v1/members/{member_id}/status", {"status": "active"}),
        (f"/v1/members/{member_id}", {"name_th": "กลุ่มทอผ้าบ้านคูเต่า"}),
    ]:
        response = await registry.request(
            "PATCH" if path.endswith(member_id) else "POST", path, json=body, headers=officer
        )
        assert response.status_code == 200, response.text

    trail = await registry.get("/v1/audit", params={"aggregate_id": member_id}, headers=officer)

    assert trail.status_code == 200, trail.text
    rows = trail.json()["items"]
    assert [r["action"] for r in rows] == [  # newest first
        "member.updated",
        "member.status_changed",
        "member.registered",
    ]
    assert {(r["actor"]["kind"], r["actor"]["id"]) for r in rows} == {("staff", account)}
    assert {r["aggregate_id"] for r in rows} == {member_id}
    by_account = await registry.get("/v1/audit", params={"actor_id": account}, headers=officer)
    assert len(by_account.json()["items"]) == 3


async def test_a_refused_change_leaves_no_audit_row(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    member = await register(registry, site=SITES["khon_kaen"])
    account = str(uuid.uuid4())
    refused = await registry.patch(
        f"/v1/members/{member['member_id']}",
        json={"name_th": "ชื่อใหม่"},
        headers=as_staff(staff_signer, HAT_YAI_OFFICER, account_id=account),
    )
    assert_problem(refused, 403, "4001")

    trail = await registry.get("/v1/audit", params={"actor_id": account})
    assert trail.json()["items"] == []
    everything = await registry.get("/v1/audit", params={"aggregate_id": member["member_id"]})
    assert [(r["action"], r["actor"]["kind"]) for r in everything.json()["items"]] == [
        ("member.registered", "operator")
    ]


async def test_an_event_published_for_a_staff_change_carries_the_account_id(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner, servers: Servers
) -> None:
    account = str(uuid.uuid4())
    async with KafkaProbe(servers.bootstrap_servers, [MEMBERS]) as probe:
        made = await registry.post(
            "/v1/members",
            json=member_payload(),
            headers=as_staff(staff_signer, SONGKHLA_OFFICER, account_id=account),
        )
        assert made.status_code == 201, made.text
        member_id = made.json()["member_id"]
        [message] = await probe.wait_for(event_of_type("member.registered", member_id))

    assert message.topic == MEMBERS
    assert message.headers["actor_id"] == account


async def test_an_expired_token_and_one_signed_with_another_key_are_refused_with_401(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    grants = [Grant(role=Role.PROVINCIAL_OFFICER, area="90")]
    expired = staff_signer.sign(
        str(uuid.uuid4()), grants, now=datetime.now(UTC) - timedelta(minutes=10)
    )
    stranger = StaffTokenSigner(generate_keypair()[0]).sign(str(uuid.uuid4()), grants)

    for token, reason in [(expired, "expired"), (stranger, "not valid")]:
        for method, path in [("GET", "/v1/members"), ("POST", "/v1/members")]:
            response = await registry.request(
                method, path, json=member_payload(), headers=bearer(token)
            )
            assert_problem(response, 401, reason)
    members = await registry.get("/v1/members")
    assert members.json()["items"] == []


async def test_personal_data_and_erasure_are_for_administrators_only(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    member = await register(registry, site=SITES["hat_yai"])
    path = f"/v1/members/{member['member_id']}"
    officer = as_staff(staff_signer, SONGKHLA_OFFICER)

    assert_problem(await registry.get(f"{path}/personal-data", headers=officer), 403)
    assert_problem(await registry.post(f"{path}/erasure", headers=officer), 403)
    assert (await registry.get(path)).json()["erased_at"] is None

    administrator = as_staff(staff_signer, ADMINISTRATOR)
    held = await registry.get(f"{path}/personal-data", headers=administrator)
    assert held.status_code == 200, held.text
    erased = await registry.post(f"{path}/erasure", headers=administrator)
    assert erased.status_code == 200, erased.text
    assert erased.json()["erased_at"] is not None


async def test_an_administrator_may_change_members_and_products_anywhere(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    administrator = as_staff(staff_signer, ADMINISTRATOR)
    made = await registry.post(
        "/v1/members", json=member_payload(site=SITES["mukdahan"]), headers=administrator
    )
    assert made.status_code == 201, made.text
    member_id = made.json()["member_id"]
    active = await registry.post(
        f"/v1/members/{member_id}/status", json={"status": "active"}, headers=administrator
    )
    assert active.status_code == 200, active.text
    listed = await registry.post(
        f"/v1/members/{member_id}/products", json=product_payload(), headers=administrator
    )
    assert listed.status_code == 201, listed.text
