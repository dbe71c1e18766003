from tests.integration.registry.payloads import member_payload, product_payload


async def test_patching_one_contact_field_keeps_the_others(registry):
    member = (await registry.post("/v1/members", json=member_payload())).json()
    response = await registry.patch(
        f"/v1/members/{member['member_id']}", json={"contact": {"email": "new@example.org"}}
    )
    assert response.status_code == 200, response.text
    contact = response.json()["contact"]
    assert contact == member["contact"] | {"email": "new@example.org"}


async def test_a_contact_field_sent_as_null_is_cleared(registry):
    member = (await registry.post("/v1/members", json=member_payload())).json()
    response = await registry.patch(
        f"/v1/members/{member['member_id']}", json={"contact": {"line_id": None}}
    )
    assert response.json()["contact"]["line_id"] is None
    assert response.json()["contact"]["phone"] == member["contact"]["phone"]


async def test_an_oversized_certification_is_refused_before_anything_is_stored(registry):
    member = (await registry.post("/v1/members", json=member_payload())).json()
    huge = [{"scheme": "fda", "number": "9" * 100_000}]
    response = await registry.post(
        f"/v1/members/{member['member_id']}/products",
        json=product_payload(certifications=huge),
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    listed = await registry.get("/v1/products", params={"member_id": member["member_id"]})
    assert listed.json()["items"] == []
