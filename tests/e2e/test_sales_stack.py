"""`otop up --demo` tried as a new user of the sales service: the demo shop's day is there,
and a terminal registered through the API sells a registry product exactly once."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx

from devstack.servers.ports import free_port
from services.topology import service
from shared.timeutil import now_bangkok
from tests.e2e.stack_harness import free_port_offset, start_stack, stop_stack, wait_for_line


def test_demo_stack_sells_registry_products_once(tmp_path: Path):
    data_dir = tmp_path / "otop"
    pg_port, kafka_port, offset = free_port(), free_port(), free_port_offset()
    registry = f"http://127.0.0.1:{service('registry').port + offset}"
    sales = f"http://127.0.0.1:{service('sales').port + offset}"
    log = tmp_path / "up.log"
    process = start_stack(data_dir, pg_port, kafka_port, offset, log)
    try:
        wait_for_line(log, "Press Ctrl-C to stop.", process, timeout=240)
        assert "demo data loaded into sales" in log.read_text(errors="replace")
        token = json.loads((data_dir / "secrets.json").read_text())["admin_token"]
        staff = httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=10)
        terminals = staff.get(f"{sales}/v1/terminals").json()["items"]
        assert len(terminals) == 1 and terminals[0]["location"] == "shop"
        yesterday = str(now_bangkok().date() - timedelta(days=1))
        report = staff.get(
            f"{sales}/v1/reports/revenue",
            params={"by": "producer", "from": yesterday, "to": str(now_bangkok().date())},
        ).json()
        assert report["rows"] and report["total_net_sales"] != "0.00"

        product = staff.get(f"{registry}/v1/products", params={"status": "listed"}).json()["items"][
            0
        ]
        pid = product["product_id"]
        if staff.get(f"{sales}/v1/shop/assortment/{pid}").status_code == 404:
            staff.post(f"{sales}/v1/shop/assortment", json={"product_id": pid})
        if staff.get(f"{sales}/v1/shop/assortment/{pid}").json()["state"] != "approved":
            staff.post(f"{sales}/v1/shop/assortment/{pid}/approve", json={})
        delivered = staff.post(
            f"{sales}/v1/shop/consignments",
            json={
                "note_id": str(uuid.uuid4()),
                "producer_id": product["member_id"],
                "delivered_by": "ผู้ผลิตทดลอง",
                "lines": [
                    {
                        "product_id": pid,
                        "quantity": 5,
                        "lot_code": "E2E-1",
                        "best_before": str(now_bangkok().date() + timedelta(days=180)),
                    }
                ],
            },
        )
        assert delivered.status_code == 201, delivered.text
        made = staff.post(f"{sales}/v1/terminals", json={"name": "บูธทดลอง", "location": "shop"})
        assert made.status_code == 201, made.text
        till = httpx.Client(
            headers={"Authorization": f"Bearer {made.json()['api_key']}"}, timeout=10
        )
        assert till.post(f"{sales}/v1/shifts", json={"opening_float": "500.00"}).status_code == 201
        sale = {
            "sale_id": str(uuid.uuid4()),
            "occurred_at": now_bangkok().isoformat(),
            "lines": [{"sku": product["sku"], "quantity": 2, "unit_price": product["price"]}],
            "payments": [{"method": "promptpay", "amount": str(2 * Decimal(product["price"]))}],
        }
        first = till.post(f"{sales}/v1/sales", json=sale)
        retry = till.post(f"{sales}/v1/sales", json=sale)
        assert (first.status_code, retry.status_code) == (201, 200), first.text
        shown = staff.get(f"{sales}/v1/sales/{sale['sale_id']}").json()
        assert shown["sale"]["lines"][0]["producer_id"] == product["member_id"]
    finally:
        assert stop_stack(process) == 0, log.read_text()[-4000:]
