"""A settlement as the sales API answers `GET /v1/settlements/{id}`, and a revenue report."""

from __future__ import annotations

from typing import Any

PRODUCER = "5f1c9a52-3d55-4c1e-9a8e-2b7d0c2f0a11"
SETTLEMENT = "1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d"
FISH = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
SILK = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f"


def settlement_detail() -> dict[str, Any]:
    """Two products: 3 fish crackers at 85.50 (one refunded) and 2 silk scarves at 1,250.00
    less a 0.01 discount share; 15 % commission."""
    return {
        "settlement": {
            "settlement_id": SETTLEMENT,
            "producer_id": PRODUCER,
            "period_start": "2026-11-01",
            "period_end": "2026-11-30",
            "sale_count": 2,
            "gross_sales": "2756.49",
            "refunds": "85.50",
            "net_sales": "2670.99",
            "commission_percent": "15.00",
            "commission": "400.65",
            "net_payout": "2270.34",
            "issued_at": "2026-12-01T09:15:00+07:00",
            "corrects": None,
        },
        "sale_lines": [
            _sold(FISH, "SK-FISH", 3, "256.50"),
            _sold(SILK, "SK-SILK", 2, "2499.99"),
        ],
        "refund_lines": [
            {
                "refund_id": "00000000-0000-4000-8000-000000000009",
                "line_no": 1,
                "sale_id": "00000000-0000-4000-8000-000000000001",
                "sale_business_day": "2026-11-03",
                "refunded_at": "2026-11-04T10:00:00+07:00",
                "product_id": FISH,
                "sku": "SK-FISH",
                "quantity": 1,
                "amount": "85.50",
            }
        ],
    }


def _sold(product_id: str, sku: str, quantity: int, net: str) -> dict[str, Any]:
    return {
        "sale_id": "00000000-0000-4000-8000-000000000001",
        "line_no": 1,
        "business_day": "2026-11-03",
        "occurred_at": "2026-11-03T11:00:00+07:00",
        "product_id": product_id,
        "sku": sku,
        "quantity": quantity,
        "unit_price": "85.50",
        "discount": "0.00",
        "net_amount": net,
    }


def revenue_report(by: str = "producer") -> dict[str, Any]:
    return {
        "by": by,
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "rows": [
            {
                "key": PRODUCER,
                "sku": None,
                "sale_count": 2,
                "quantity_sold": 5,
                "quantity_refunded": 1,
                "gross_sales": "2756.49",
                "refunds": "85.50",
                "net_sales": "2670.99",
            },
            {
                "key": "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                "sku": None,
                "sale_count": 1,
                "quantity_sold": 1,
                "quantity_refunded": 0,
                "gross_sales": "0.10",
                "refunds": "0.00",
                "net_sales": "0.10",
            },
        ],
        "total_gross_sales": "2756.59",
        "total_refunds": "85.50",
        "total_net_sales": "2671.09",
    }
