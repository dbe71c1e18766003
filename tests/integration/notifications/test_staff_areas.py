"""Staff tokens on the notifications API: a member's preferences are changed by staff of its
area only, each change is in the audit trail under the account's id, and partner webhooks
are left to administrators."""

from __future__ import annotations

import uuid

import pytest

from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner
from tests.conftest import eventually
from tests.integration.notifications.conftest import STAFF_SIGNING_KEY, RunningService
from tests.unit.notifications import samples

pytestmark = pytest.mark.integration

SIGNER = StaffTokenSigner(STAFF_SIGNING_KEY)


def as_staff(account: uuid.UUID, role: Role, area: str | None) -> dict[str, str]:
    token = SIGNER.sign(account, [Grant(role=role, area=area)])
    return {"Authorization": f"Bearer {token}"}


async def a_hat_yai_member(service: RunningService) -> uuid.UUID:
    member = samples.member()  # its site is in Hat Yai (9011), Songkhla
    await service.publish("registry", member.member_id, member)

    async def known() -> bool:
        district = await service.pool.fetchval(
            "SELECT district_code FROM contacts WHERE member_id = $1", member.member_id
        )
        return district == "9011"

    await eventually(known)
    return member.member_id


async def test_a_district_officer_changes_preferences_in_its_district_only(
    service: RunningService,
) -> None:
    member_id = await a_hat_yai_member(service)
    officer = uuid.uuid4()
    body = {"channels": ["sms"]}
    path = f"/v1/members/{member_id}/preferences"

    outside = await service.client.put(
        path, json=body, headers=as_staff(uuid.uuid4(), Role.DISTRICT_OFFICER, "4001")
    )
    assert outside.status_code == 403, outside.text
    assert outside.headers["content-type"].startswith("application/problem+json")
    assert "ไม่มีสิทธิ์" in outside.json()["detail"]
    assert (
        await service.pool.fetchval(
            "SELECT count(*) FROM preferences WHERE member_id = $1", member_id
        )
        == 0
    )

    inside = await service.client.put(
        path, json=body, headers=as_staff(officer, Role.DISTRICT_OFFICER, "9011")
    )
    assert inside.status_code == 200, inside.text
    assert inside.json()["channels"] == ["sms"]

    trail = await service.client.get("/v1/audit", params={"aggregate_id": str(member_id)})
    assert trail.status_code == 200, trail.text
    rows = trail.json()["items"]
    assert [(r["actor"], r["action"]) for r in rows] == [
        ({"kind": "staff", "id": str(officer)}, "preferences.changed")
    ]


async def test_any_staff_member_reads_but_only_administrators_manage_webhooks(
    service: RunningService,
) -> None:
    auditor = as_staff(uuid.uuid4(), Role.AUDITOR, None)
    assert (await service.client.get("/v1/deliveries", headers=auditor)).status_code == 200
    body = {"url": "https://partner.example.org/otop", "kinds": ["settlement_issued"]}
    officer = as_staff(uuid.uuid4(), Role.PROVINCIAL_OFFICER, "90")
    refused = await service.client.post("/v1/webhooks", json=body, headers=officer)
    assert refused.status_code == 403, refused.text
    admin = uuid.uuid4()
    created = await service.client.post(
        "/v1/webhooks", json=body, headers=as_staff(admin, Role.ADMINISTRATOR, None)
    )
    assert created.status_code == 201, created.text
    subscription = created.json()["subscription_id"]
    trail = await service.client.get("/v1/audit", params={"aggregate_id": subscription})
    assert [r["actor"]["id"] for r in trail.json()["items"]] == [str(admin)]


async def test_a_token_from_another_signer_or_out_of_date_is_not_authenticated(
    service: RunningService,
) -> None:
    from datetime import UTC, datetime, timedelta

    from shared.identity.tokens import generate_keypair

    stranger = StaffTokenSigner(generate_keypair()[0]).sign(
        uuid.uuid4(), [Grant(role=Role.ADMINISTRATOR)]
    )
    stale = SIGNER.sign(
        uuid.uuid4(),
        [Grant(role=Role.ADMINISTRATOR)],
        now=datetime.now(UTC) - timedelta(hours=2),
    )
    for token in (stranger, stale):
        answer = await service.client.get(
            "/v1/deliveries", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 401, answer.text
