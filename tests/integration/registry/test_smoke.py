from tests.integration.registry.payloads import member_payload


async def test_registered_member_can_be_read_back(registry):
    created = await registry.post("/v1/members", json=member_payload())
    assert created.status_code == 201, created.text
    got = await registry.get(created.headers["Location"])
    assert got.json()["name_th"] == member_payload()["name_th"]
