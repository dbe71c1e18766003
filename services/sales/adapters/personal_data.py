"""What the sales service holds about one member as a producer, for the member's right to
see (PDPA). Sales keep amounts and ids, never the person: the producer appears by id, and
by the names a till shows beside its products (kept from registry.members.v1)."""

from __future__ import annotations

import uuid

import asyncpg

from services.privacy.document import Record, records

PRODUCER = """
SELECT member_id, name_th, name_en, version, erased_at, updated_at
FROM producers WHERE member_id = $1
"""
CATALOGUE = """
SELECT product_id, sku, name_th, name_en, price_satang, status, version, updated_at
FROM catalogue_products WHERE member_id = $1 ORDER BY sku
"""
SALE_LINES = """
SELECT l.sale_id, l.line_no, s.business_day, s.location, s.event_id, l.product_id, l.sku,
       l.quantity, l.unit_price_satang, l.line_total_satang, l.discount_satang, l.net_satang,
       l.refunded_quantity, l.refunded_satang, l.settlement_id, s.voided_at
FROM sale_lines l JOIN sales s USING (sale_id)
WHERE l.producer_id = $1
ORDER BY s.business_day, l.sale_id, l.line_no
"""
REFUND_LINES = """
SELECT rl.refund_id, rl.line_no, rl.sale_id, r.business_day, rl.product_id, rl.sku,
       rl.quantity, rl.amount_satang, rl.settlement_id
FROM refund_lines rl JOIN refunds r USING (refund_id)
WHERE rl.producer_id = $1
ORDER BY r.business_day, rl.refund_id, rl.line_no
"""
SETTLEMENTS = """
SELECT settlement_id, period_start, period_end, corrects, sale_count, gross_satang,
       refunds_satang, net_satang, commission_percent, commission_satang, payout_satang,
       issued_at
FROM settlements WHERE producer_id = $1 ORDER BY period_start, issued_at
"""
DAILY_SUMMARIES = """
SELECT business_day, revision, figures, generated_at
FROM daily_summaries WHERE producer_id = $1 ORDER BY business_day, revision
"""


async def personal_data(conn: asyncpg.Connection, member_id: uuid.UUID) -> dict[str, list[Record]]:
    """Every record linked to the member as a producer; empty sections when there is none."""
    return {
        "producer": records(await conn.fetch(PRODUCER, member_id)),
        "catalogue_products": records(await conn.fetch(CATALOGUE, member_id)),
        "sale_lines": records(await conn.fetch(SALE_LINES, member_id)),
        "refund_lines": records(await conn.fetch(REFUND_LINES, member_id)),
        "settlements": records(await conn.fetch(SETTLEMENTS, member_id)),
        "daily_summaries": records(await conn.fetch(DAILY_SUMMARIES, member_id)),
    }
