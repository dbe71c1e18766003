"""What the registry publishes, read back from the real broker with an ordinary Kafka client."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from shared.contracts.registry import (
    MemberRegistered,
    MemberStatusChanged,
    MemberUpdated,
    ProductDelisted,
    ProductListed,
    ProductRated,
    ProductUpdated,
    RoleAssigned,
)
from tests.infrastructure import Servers
from tests.integration.registry.helpers import change_status, list_product, register
from tests.integration.registry.payloads import member_payload, product_payload
from tests.kafka_probe import KafkaProbe, Received, event_of_type

MEMBERS = "registry.members.v1"
PRODUCTS = "registry.products.v1"
BANGKOK_OFFSET = timedelta(hours=7)


def _probe(servers: Servers) -> KafkaProbe:
    return KafkaProbe(servers.bootstrap_servers, [MEMBERS, PRODUCTS])


def _of_aggregate(aggregate_id: str) -> Any:
    return lambda r: r.json().get("aggregate_id") == aggregate_id


def _assert_envelope(
    message: Received, *, topic: str, event_type: str, aggregate_id: str
) -> dict[str, Any]:
    assert message.topic == topic
    assert message.key == aggregate_id
    envelope: dict[str, Any] = message.json()
    assert envelope["event_type"] == event_type
    assert envelope["event_version"] == 1
    assert envelope["producer"] == "registry"
    assert envelope["aggregate_id"] == aggregate_id
    uuid.UUID(envelope["event_id"])
    uuid.UUID(envelope["correlation_id"])
    assert datetime.fromisoformat(envelope["occurred_at"]).utcoffset() == BANGKOK_OFFSET
    assert message.headers["event_type"] == event_type
    assert message.headers["event_id"] == envelope["event_id"]
    return envelope


async def test_a_registered_member_is_published_keyed_by_its_id_with_the_callers_correlation(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    correlation = str(uuid.uuid4())
    async with _probe(servers) as probe:
        response = await registry.post(
            "/v1/members", json=member_payload(), headers={"X-Correlation-ID": correlation}
        )
        assert response.status_code == 201, response.text
        member = response.json()

        [message] = await probe.wait_for(event_of_type("member.registered", member["member_id"]))

    envelope = _assert_envelope(
        message, topic=MEMBERS, event_type="member.registered", aggregate_id=member["member_id"]
    )
    assert envelope["correlation_id"] == correlation
    assert envelope["causation_id"] is None
    assert message.headers["correlation_id"] == correlation
    data = MemberRegistered.model_validate(envelope["data"])
    assert str(data.member_id) == member["member_id"]
    assert data.status == "pending"
    assert data.version == 1
    assert data.name_th == member_payload()["name_th"]
    assert data.site.subdistrict_name_th == "คูเต่า"
    assert data.contact.phone == "0812345678"
    assert data.registered_at == datetime.fromisoformat(member["registered_at"])
    # Thai text is carried as UTF-8 as it is, not escaped.
    assert member_payload()["name_th"].encode() in message.value


async def test_member_changes_are_published_in_version_order_on_one_partition(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    async with _probe(servers) as probe:
        member = await register(registry)
        member_id = member["member_id"]
        path = f"/v1/members/{member_id}"
        # Nothing changes: no event.
        assert (await registry.patch(path, json={"name_th": member["name_th"]})).status_code == 200
        assert (await registry.patch(path, json={"name_en": "Khu Tao Group"})).status_code == 200
        assert (await change_status(registry, member_id, "active", "ผ่านการตรวจ")).status_code == 200
        assert (await change_status(registry, member_id, "suspended")).status_code == 200

        messages = await probe.wait_for(_of_aggregate(member_id), count=4)
        await probe.settle(0.5)
        messages = [r for r in probe.received if _of_aggregate(member_id)(r)]

    assert [m.json()["event_type"] for m in messages] == [
        "member.registered",
        "member.updated",
        "member.status_changed",
        "member.status_changed",
    ]
    assert {m.partition for m in messages} == {messages[0].partition}
    assert [m.offset for m in messages] == sorted(m.offset for m in messages)
    assert all(m.key == member_id for m in messages)
    assert [m.json()["data"]["version"] for m in messages] == [1, 2, 3, 4]
    updated = MemberUpdated.model_validate(messages[1].json()["data"])
    assert updated.changed_fields == ["name_en"]
    assert updated.name_en == "Khu Tao Group"
    activated = MemberStatusChanged.model_validate(messages[2].json()["data"])
    assert (activated.previous_status, activated.status) == ("pending", "active")
    assert activated.reason == "ผ่านการตรวจ"
    _assert_envelope(
        messages[3], topic=MEMBERS, event_type="member.status_changed", aggregate_id=member_id
    )


async def test_a_refused_change_publishes_nothing(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    async with _probe(servers) as probe:
        member = await register(registry)
        member_id = member["member_id"]
        assert (await change_status(registry, member_id, "suspended")).status_code == 409
        assert (await change_status(registry, member_id, "withdrawn")).status_code == 200

        await probe.wait_for(event_of_type("member.status_changed", member_id))
        await probe.settle(0.5)

    events = [r.json() for r in probe.received if _of_aggregate(member_id)(r)]
    assert [(e["event_type"], e["data"]["version"]) for e in events] == [
        ("member.registered", 1),
        ("member.status_changed", 2),
    ]
    assert events[1]["data"]["status"] == "withdrawn"


async def test_product_events_are_published_keyed_by_product_in_version_order(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    member = await register(registry)
    correlation = str(uuid.uuid4())
    async with _probe(servers) as probe:
        product = await list_product(registry, member["member_id"])
        pid = product["product_id"]
        path = f"/v1/products/{pid}"
        assert (await registry.patch(path, json={"price": "90.25"})).status_code == 200
        rating = {"round_year": 2024, "stars": 4, "rated_on": "2024-08-15"}
        rated = await registry.post(
            f"{path}/ratings", json=rating, headers={"X-Correlation-ID": correlation}
        )
        assert rated.status_code == 201, rated.text
        delisted = await registry.post(f"{path}/delist", json={"reason": "เลิกผลิต"})
        assert delisted.status_code == 200, delisted.text

        messages = await probe.wait_for(_of_aggregate(pid), count=4)

    assert [m.json()["event_type"] for m in messages] == [
        "product.listed",
        "product.updated",
        "product.rated",
        "product.delisted",
    ]
    assert all(m.topic == PRODUCTS and m.key == pid for m in messages)
    assert {m.partition for m in messages} == {messages[0].partition}
    assert [m.offset for m in messages] == sorted(m.offset for m in messages)
    assert [m.json()["data"]["version"] for m in messages] == [1, 2, 3, 4]
    for m in messages:
        _assert_envelope(m, topic=PRODUCTS, event_type=m.json()["event_type"], aggregate_id=pid)

    listed = ProductListed.model_validate(messages[0].json()["data"])
    assert listed.price == Decimal("85.50")
    assert messages[0].json()["data"]["price"] == "85.50"
    assert str(listed.member_id) == member["member_id"]
    assert listed.province_code == "90"
    assert listed.sku == product_payload()["sku"]
    updated = ProductUpdated.model_validate(messages[1].json()["data"])
    assert updated.changed_fields == ["price"]
    assert messages[1].json()["data"]["price"] == "90.25"
    rated_event = ProductRated.model_validate(messages[2].json()["data"])
    assert (rated_event.round_year, rated_event.stars, rated_event.previous_stars) == (
        2024,
        4,
        None,
    )
    assert messages[2].json()["correlation_id"] == correlation
    gone = ProductDelisted.model_validate(messages[3].json()["data"])
    assert (gone.status, gone.reason, gone.stars) == ("delisted", "เลิกผลิต", 4)


async def test_an_assigned_role_is_published_on_the_members_topic_keyed_by_the_member(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    member = await register(registry)
    assert (await change_status(registry, member["member_id"], "active")).status_code == 200
    async with _probe(servers) as probe:
        response = await registry.post(
            "/v1/roles",
            json={
                "member_id": member["member_id"],
                "person_name": "นายประสิทธิ์ รักษ์ถิ่น",
                "role": "district_president",
                "province_code": "90",
                "district_code": "9011",
                "term_start": "2025-01-01",
                "term_end": "2027-01-01",
            },
        )
        assert response.status_code == 201, response.text

        [message] = await probe.wait_for(event_of_type("role.assigned", member["member_id"]))

    envelope = _assert_envelope(
        message, topic=MEMBERS, event_type="role.assigned", aggregate_id=member["member_id"]
    )
    data = RoleAssigned.model_validate(envelope["data"])
    assert str(data.assignment_id) == response.json()["assignment_id"]
    assert (data.role, data.province_code, data.district_code) == (
        "district_president",
        "90",
        "9011",
    )
    assert data.person_name == "นายประสิทธิ์ รักษ์ถิ่น"
    assert (data.term_start.isoformat(), data.term_end.isoformat()) == ("2025-01-01", "2027-01-01")


async def test_each_request_without_a_correlation_id_gets_its_own(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    async with _probe(servers) as probe:
        first = await register(registry)
        second = await register(registry)
        messages = await probe.wait_for(event_of_type("member.registered"), count=2)

    by_member = {m.json()["aggregate_id"]: m.json() for m in messages}
    one, two = by_member[first["member_id"]], by_member[second["member_id"]]
    assert one["correlation_id"] != two["correlation_id"]
    assert one["event_id"] != two["event_id"]


async def test_a_member_moving_province_publishes_its_products_new_province(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    member = await register(registry)
    product = await list_product(registry, member["member_id"])
    async with _probe(servers) as probe:
        moved = await registry.patch(
            f"/v1/members/{member['member_id']}",
            json={
                "site": {
                    "address_line": "8 ถนนสำราญชายโขง",
                    "province_code": "49",
                    "district_code": "4901",
                    "subdistrict_code": "490101",
                }
            },
        )
        assert moved.status_code == 200, moved.text

        [member_event] = await probe.wait_for(event_of_type("member.updated", member["member_id"]))
        [product_event] = await probe.wait_for(
            event_of_type("product.updated", product["product_id"])
        )

    assert member_event.json()["data"]["changed_fields"] == ["site"]
    assert member_event.json()["data"]["site"]["province_name_th"] == "มุกดาหาร"
    envelope = _assert_envelope(
        product_event,
        topic=PRODUCTS,
        event_type="product.updated",
        aggregate_id=product["product_id"],
    )
    data = ProductUpdated.model_validate(envelope["data"])
    assert (data.changed_fields, data.province_code, data.version) == (["province_code"], "49", 2)
    assert envelope["correlation_id"] == member_event.json()["correlation_id"]
