"""Product ratings over HTTP: one a round, the stars of the latest round, the history kept."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import (
    assert_problem,
    list_product,
    rate,
    register_active,
)


async def test_ratings_keep_their_history_and_the_stars_are_the_latest_rounds(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])
    pid = product["product_id"]

    first = await rate(registry, pid, 2022, 3, note="คัดสรรสุดยอดหนึ่งตำบลหนึ่งผลิตภัณฑ์")
    assert first.status_code == 201, first.text
    assert first.json()["stars"] == 3
    second = await rate(registry, pid, 2024, 5)
    assert second.json()["stars"] == 5
    late = await rate(registry, pid, 2019, 2)
    assert late.status_code == 201, late.text

    got = (await registry.get(f"/v1/products/{pid}")).json()
    assert got["stars"] == 5
    assert got["version"] == 4
    assert [(r["round_year"], r["stars"]) for r in got["ratings"]] == [
        (2019, 2),
        (2022, 3),
        (2024, 5),
    ]
    assert got["ratings"][1]["note"] == "คัดสรรสุดยอดหนึ่งตำบลหนึ่งผลิตภัณฑ์"
    assert got["ratings"][2]["rated_on"] == "2024-08-15"


async def test_a_second_rating_for_the_same_round_is_a_409_problem(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])
    assert (await rate(registry, product["product_id"], 2024, 4)).status_code == 201

    response = await rate(registry, product["product_id"], 2024, 5)

    assert_problem(response, 409, "2024")
    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert got["stars"] == 4
    assert len(got["ratings"]) == 1


@pytest.mark.parametrize(
    ("round_year", "stars", "field"),
    [(2024, 6, "stars"), (2024, 0, "stars"), (2024, "five", "stars"), (1999, 3, "round_year")],
)
async def test_an_impossible_rating_is_a_422_problem(
    registry: httpx.AsyncClient, round_year: int, stars: Any, field: str
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])

    response = await rate(registry, product["product_id"], round_year, stars)

    assert_problem(response, 422, field)
    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert (got["stars"], got["ratings"]) == (None, [])
