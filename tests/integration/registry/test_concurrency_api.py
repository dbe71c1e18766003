"""Requests that race each other still end in one consistent state, never a 500."""

from __future__ import annotations

import asyncio

import httpx

from tests.integration.registry.helpers import SITES, list_product, register_active
from tests.integration.registry.payloads import product_payload


async def test_two_listings_racing_for_one_sku_give_one_product_and_one_conflict(
    registry: httpx.AsyncClient,
) -> None:
    first = await register_active(registry)
    second = await register_active(registry, name_th="กลุ่มผ้าทอเกาะยอ")

    responses = await asyncio.gather(
        *(
            registry.post(f"/v1/members/{m['member_id']}/products", json=product_payload(sku=sku))
            for m, sku in [(first, "SK-RACE-01"), (second, "sk-race-01")] * 3
        )
    )

    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409, 409]
    assert len((await registry.get("/v1/products")).json()["items"]) == 1


async def test_two_presidents_racing_for_one_term_give_one_holder(
    registry: httpx.AsyncClient,
) -> None:
    members = [await register_active(registry, name_th=f"กลุ่มที่ {n}") for n in range(4)]

    responses = await asyncio.gather(
        *(
            registry.post(
                "/v1/roles",
                json={
                    "member_id": m["member_id"],
                    "person_name": f"ประธานคนที่ {n}",
                    "role": "provincial_president",
                    "province_code": "90",
                    "term_start": "2025-01-01",
                    "term_end": "2027-01-01",
                },
            )
            for n, m in enumerate(members)
        )
    )

    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409]
    holders = await registry.get("/v1/roles", params={"province": "90", "on": "2026-01-01"})
    assert len(holders.json()["items"]) == 1


async def test_two_ratings_racing_for_one_round_give_one_rating(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])

    responses = await asyncio.gather(
        *(
            registry.post(
                f"/v1/products/{product['product_id']}/ratings",
                json={"round_year": 2024, "stars": stars, "rated_on": "2024-08-15"},
            )
            for stars in (3, 4, 5)
        )
    )

    assert sorted(r.status_code for r in responses) == [201, 409, 409]
    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert len(got["ratings"]) == 1
    assert got["stars"] == got["ratings"][0]["stars"]
    assert got["version"] == 2


async def test_a_member_moving_while_its_products_change_neither_deadlocks_nor_loses_a_change(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    products = [
        await list_product(registry, member["member_id"], sku=f"SK-MV-{n}") for n in range(3)
    ]

    for round_no in range(10):
        site = SITES["khon_kaen"] if round_no % 2 == 0 else SITES["hat_yai"]
        responses = await asyncio.gather(
            *(
                registry.patch(
                    f"/v1/products/{p['product_id']}", json={"price": f"{100 + round_no}.00"}
                )
                for p in products
            ),
            registry.patch(f"/v1/members/{member['member_id']}", json={"site": site}),
        )
        assert [r.status_code for r in responses] == [200, 200, 200, 200], [
            r.text for r in responses
        ]

    for p in products:
        got = (await registry.get(f"/v1/products/{p['product_id']}")).json()
        # Listed at version 1, then ten price changes and ten moves.
        assert (got["province_code"], got["price"], got["version"]) == ("90", "109.00", 21)


async def test_status_changes_racing_each_other_apply_one_at_a_time(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)

    responses = await asyncio.gather(
        *(
            registry.post(f"/v1/members/{member['member_id']}/status", json={"status": "suspended"})
            for _ in range(4)
        )
    )

    assert sorted(r.status_code for r in responses) == [200, 409, 409, 409]
    got = (await registry.get(f"/v1/members/{member['member_id']}")).json()
    assert (got["status"], got["version"]) == ("suspended", 3)
