"""The products and product_ratings tables: the product aggregate's repository and its row
mapping."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from services.registry.domain.products import Product, Rating
from shared.contracts.registry import (
    Certification,
    DevelopmentSegment,
    ProductCategory,
    ProductStatus,
)
from shared.money import from_satang, to_satang

INSERT_PRODUCT = """
INSERT INTO products (
    product_id, member_id, sku, name_th, name_en, category, unit, price_satang, certifications,
    segment, stars, status, province_code, version, description_th, description_en)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
"""
UPDATE_PRODUCT = """
UPDATE products SET
    name_th = $4, name_en = $5, category = $6, unit = $7, price_satang = $8,
    certifications = $9, segment = $10, stars = $11, status = $12, province_code = $13,
    version = $14, description_th = $15, description_en = $16, updated_at = now()
WHERE product_id = $1 AND member_id = $2 AND sku = $3
"""
SELECT_PRODUCT = "SELECT * FROM products WHERE product_id = $1"
SELECT_PRODUCT_FOR_UPDATE = "SELECT * FROM products WHERE product_id = $1 FOR UPDATE"
SELECT_LISTED_OF_MEMBER = """
SELECT * FROM products WHERE member_id = $1 AND status = 'listed'
ORDER BY listed_at, product_id
FOR UPDATE
"""
SELECT_RATINGS_OF = """
SELECT product_id, round_year, stars, rated_on, note FROM product_ratings
WHERE product_id = ANY($1::uuid[]) ORDER BY product_id, round_year
"""
SELECT_RATINGS = """
SELECT round_year, stars, rated_on, note FROM product_ratings
WHERE product_id = $1 ORDER BY round_year
"""
INSERT_RATING = """
INSERT INTO product_ratings (product_id, round_year, stars, rated_on, note)
VALUES ($1, $2, $3, $4, $5)
"""
SKU_TAKEN = "SELECT EXISTS (SELECT 1 FROM products WHERE upper(sku) = upper($1))"


def rating_from_row(row: asyncpg.Record) -> Rating:
    return Rating(row["round_year"], row["stars"], row["rated_on"], row["note"])


def product_from_row(row: asyncpg.Record, ratings: list[Rating]) -> Product:
    return Product(
        product_id=row["product_id"],
        member_id=row["member_id"],
        sku=row["sku"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        category=ProductCategory(row["category"]),
        unit=row["unit"],
        price=from_satang(row["price_satang"]),
        certifications=[Certification.model_validate(c) for c in row["certifications"]],
        segment=DevelopmentSegment(row["segment"]) if row["segment"] else None,
        status=ProductStatus(row["status"]),
        province_code=row["province_code"],
        stars=row["stars"],
        description_th=row["description_th"],
        description_en=row["description_en"],
        version=row["version"],
        ratings=ratings,
    )


def _product_values(p: Product) -> list[Any]:
    """In the column order of INSERT_PRODUCT and UPDATE_PRODUCT's parameters."""
    return [
        p.product_id,
        p.member_id,
        p.sku,
        p.name_th,
        p.name_en,
        p.category.value,
        p.unit,
        to_satang(p.price),
        [c.model_dump(mode="json") for c in p.certifications],
        p.segment.value if p.segment else None,
        p.stars,
        p.status.value,
        p.province_code,
        p.version,
        p.description_th,
        p.description_en,
    ]


async def ratings_of(conn: asyncpg.Connection, product_id: uuid.UUID) -> list[Rating]:
    """The product's ratings, oldest round first."""
    return [rating_from_row(r) for r in await conn.fetch(SELECT_RATINGS, product_id)]


class PostgresProductRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, product: Product) -> None:
        await self._conn.execute(INSERT_PRODUCT, *_product_values(product))

    async def get(self, product_id: uuid.UUID, *, for_update: bool = False) -> Product | None:
        query = SELECT_PRODUCT_FOR_UPDATE if for_update else SELECT_PRODUCT
        row = await self._conn.fetchrow(query, product_id)
        if row is None:
            return None
        return product_from_row(row, await ratings_of(self._conn, product_id))

    async def listed_of_member(self, member_id: uuid.UUID) -> list[Product]:
        rows = await self._conn.fetch(SELECT_LISTED_OF_MEMBER, member_id)
        ratings: dict[uuid.UUID, list[Rating]] = {row["product_id"]: [] for row in rows}
        for r in await self._conn.fetch(SELECT_RATINGS_OF, list(ratings)):
            ratings[r["product_id"]].append(rating_from_row(r))
        return [product_from_row(row, ratings[row["product_id"]]) for row in rows]

    async def sku_taken(self, sku: str) -> bool:
        return bool(await self._conn.fetchval(SKU_TAKEN, sku))

    async def save(self, product: Product) -> None:
        await self._conn.execute(UPDATE_PRODUCT, *_product_values(product))

    async def add_rating(self, product: Product, rating: Rating) -> None:
        await self._conn.execute(
            INSERT_RATING,
            product.product_id,
            rating.round_year,
            rating.stars,
            rating.rated_on,
            rating.note,
        )
