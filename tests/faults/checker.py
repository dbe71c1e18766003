"""After a run: compare every source of truth with what the terminals and members saw.

Sales (the `sales` schema), the revenue report, the daily summaries and the settlements
must all say what the terminals' ledger says, to the satang, per producer and business
day; every acknowledged sale is readable as `sale.recorded` on its topic; topics have the
catalogue's partition count; no outbox row is left pending; each registration decision and
each other notification-causing event has exactly one delivery row, sent once."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from shared.contracts.catalogue import TOPICS
from tests.faults.ledger import Ledger
from tests.faults.stack import PARTITIONS, SERVICES, FaultStack
from tests.faults.topic_reader import partition_counts, read_topic
from tests.faults.world import STAFF, World, every_item

PENDING = "state = 'pending'"
NOTIFYING = (
    "member.status_changed",
    "product.rated",
    "registration.confirmed",
    "registration.waitlisted",
    "registration.promoted",
    "registration.cancelled",
    "booth.assigned",
    "sales.daily_summary",
    "settlement.issued",
)


@dataclass
class RunReport:
    scenario: str
    faults: Counter[str] = field(default_factory=Counter)
    sales_sent: int = 0
    acknowledged: int = 0
    replayed: int = 0
    refused: int = 0
    unanswered: int = 0
    stored: int = 0
    lost: int = 0
    duplicated: int = 0
    unexpected: int = 0
    wrong_amount: int = 0
    refunds_acknowledged: int = 0
    refunds_lost: int = 0
    unreadable_on_topic: int = 0
    outbox_stuck: int = 0
    wrong_partitions: list[str] = field(default_factory=list)
    revenue_mismatches: list[str] = field(default_factory=list)
    summary_mismatches: list[str] = field(default_factory=list)
    settlement_mismatches: list[str] = field(default_factory=list)
    registrations: int = 0
    registration_mismatches: list[str] = field(default_factory=list)
    deliveries_expected: int = 0
    deliveries_found: int = 0
    deliveries_missing: int = 0
    deliveries_duplicated: int = 0
    deliveries_unsent: int = 0
    pushes_twice: int = 0
    poison_sent: int = 0
    poison_dead_lettered: int = 0
    consumers_stuck: list[str] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def failures(self) -> list[str]:
        found = []
        for name in (
            "lost",
            "duplicated",
            "unexpected",
            "wrong_amount",
            "refunds_lost",
            "unreadable_on_topic",
            "outbox_stuck",
            "deliveries_missing",
            "deliveries_duplicated",
            "deliveries_unsent",
            "pushes_twice",
        ):
            if getattr(self, name):
                found.append(f"{name}={getattr(self, name)}")
        for name in (
            "wrong_partitions",
            "revenue_mismatches",
            "summary_mismatches",
            "settlement_mismatches",
            "registration_mismatches",
            "consumers_stuck",
        ):
            values = getattr(self, name)
            if values:
                found.append(f"{name}: {values[:5]}")
        if self.poison_dead_lettered < self.poison_sent:
            found.append(f"poison dead-lettered {self.poison_dead_lettered}/{self.poison_sent}")
        return found

    def table(self) -> str:
        faults = ", ".join(f"{k}×{v}" for k, v in sorted(self.faults.items())) or "none"
        rows = [
            ("faults injected", faults),
            ("sales sent / acknowledged", f"{self.sales_sent} / {self.acknowledged}"),
            ("  of which replays (200)", self.replayed),
            ("  refused / never answered", f"{self.refused} / {self.unanswered}"),
            ("sales stored", self.stored),
            ("LOST", self.lost),
            ("DUPLICATED", self.duplicated),
            ("unexpected", self.unexpected),
            ("wrong amount", self.wrong_amount),
            ("refunds acknowledged / lost", f"{self.refunds_acknowledged} / {self.refunds_lost}"),
            ("acknowledged, unreadable on topic", self.unreadable_on_topic),
            ("outbox rows stuck pending", self.outbox_stuck),
            (
                "revenue/summary/settlement diffs",
                " / ".join(
                    str(len(x))
                    for x in (
                        self.revenue_mismatches,
                        self.summary_mismatches,
                        self.settlement_mismatches,
                    )
                ),
            ),
            ("registrations decided", self.registrations),
            (
                "deliveries expected / found",
                f"{self.deliveries_expected} / {self.deliveries_found}",
            ),
            (
                "deliveries missing / doubled / unsent",
                " / ".join(
                    str(n)
                    for n in (
                        self.deliveries_missing,
                        self.deliveries_duplicated,
                        self.deliveries_unsent,
                    )
                ),
            ),
            ("channel pushes accepted twice", self.pushes_twice),
            ("poison sent / DLQ'd", f"{self.poison_sent} / {self.poison_dead_lettered}"),
            ("client retries", self.retries),
            ("seconds", f"{self.seconds:.0f}"),
        ]
        width = max(len(str(k)) for k, _ in rows)
        lines = [f"== fault run: {self.scenario} =="]
        lines += [f"  {str(k).ljust(width)}  {v}" for k, v in rows]
        lines += [f"  note: {n}" for n in self.notes]
        failures = self.failures()
        lines.append(f"  verdict: {'FAIL ' + '; '.join(failures) if failures else 'ok'}")
        return "\n".join(lines)


async def _poll(check: Any, timeout: float, interval: float = 0.5) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(interval)


class Checker:
    def __init__(self, stack: FaultStack, world: World, ledger: Ledger, report: RunReport) -> None:
        self.stack = stack
        self.world = world
        self.ledger = ledger
        self.report = report

    async def _connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.stack.database.admin_dsn)

    async def pending_outbox(self) -> dict[str, int]:
        conn = await self._connect()
        try:
            return {
                s: int(
                    await conn.fetchval(f"SELECT count(*) FROM {s}.outbox WHERE state = 'pending'")
                )
                for s in SERVICES
            }
        finally:
            await conn.close()

    async def wait_outbox_drained(self, timeout: float = 60.0) -> None:
        async def drained() -> bool:
            return not any((await self.pending_outbox()).values())

        if not await _poll(drained, timeout):
            pending = await self.pending_outbox()
            self.report.outbox_stuck = sum(pending.values())
            self.report.notes.append(f"outbox pending after {timeout:.0f}s: {pending}")

    async def check_sales(self, backlog_day: date) -> None:
        r, ledger = self.report, self.ledger
        r.sales_sent = len(ledger.sales_sent)
        r.acknowledged = len(ledger.sales_acknowledged)
        r.replayed = ledger.replays
        r.refused = len(ledger.sales_refused)
        r.unanswered = len(ledger.unacknowledged)
        r.refunds_acknowledged = len(ledger.refunds_acknowledged)
        r.retries = sum(ledger.retries.values())
        conn = await self._connect()
        try:
            stored = {
                row["sale_id"]: row
                for row in await conn.fetch(
                    "SELECT sale_id, total_satang, business_day FROM sales.sales"
                )
            }
            refunds = {
                row["refund_id"]: row
                for row in await conn.fetch("SELECT refund_id, total_satang FROM sales.refunds")
            }
            recorded_events = Counter(
                uuid.UUID(json.loads(row["envelope"])["data"]["sale_id"])
                for row in await conn.fetch(
                    "SELECT envelope::text AS envelope FROM sales.outbox "
                    "WHERE event_type = 'sale.recorded'"
                )
            )
        finally:
            await conn.close()
        r.stored = len(stored)
        for sale_id in ledger.sales_acknowledged:
            row = stored.get(sale_id)
            if row is None:
                r.lost += 1
                continue
            expected = ledger.sales_sent[sale_id]
            if Decimal(row["total_satang"]) / 100 != expected.total or (
                row["business_day"] != expected.business_day
            ):
                r.wrong_amount += 1
        for sale_id in stored:
            if sale_id not in ledger.sales_sent or sale_id in ledger.sales_refused:
                r.unexpected += 1
        r.duplicated = sum(n - 1 for n in recorded_events.values() if n > 1)
        r.refunds_lost = sum(1 for rid in ledger.refunds_acknowledged if rid not in refunds)
        r.unexpected += sum(1 for rid in refunds if rid not in ledger.refunds_sent)
        await self._check_revenue(backlog_day)
        await self._check_topic()

    async def _check_revenue(self, backlog_day: date) -> None:
        expected = self.ledger.net_by_producer_day()
        days = sorted({day for _, day in expected} | {backlog_day})
        async with httpx.AsyncClient(
            base_url=self.stack.url("sales"), headers=STAFF, timeout=60
        ) as sales:
            for day in days:
                got = await sales.get(
                    "/v1/reports/revenue",
                    params={"by": "producer", "from": str(day), "to": str(day)},
                )
                got.raise_for_status()
                reported = {row["key"]: Decimal(row["net_sales"]) for row in got.json()["rows"]}
                self._compare(
                    self.report.revenue_mismatches, f"revenue {day}", expected, day, reported
                )
            summaries = await sales.post(
                "/v1/daily-summaries", json={"business_day": str(backlog_day)}
            )
            summaries.raise_for_status()
            summarised = {
                s["producer_id"]: Decimal(s["net_sales"]) for s in summaries.json()["published"]
            }
            self._compare(
                self.report.summary_mismatches,
                f"summary {backlog_day}",
                expected,
                backlog_day,
                summarised,
            )
            settled = await sales.post(
                "/v1/settlements",
                json={"period_start": str(backlog_day), "period_end": str(backlog_day)},
            )
            settled.raise_for_status()
            statements = {
                s["producer_id"]: Decimal(s["net_sales"]) for s in settled.json()["issued"]
            }
            self._compare(
                self.report.settlement_mismatches,
                f"settlement {backlog_day}",
                expected,
                backlog_day,
                statements,
            )

    @staticmethod
    def _compare(
        into: list[str],
        what: str,
        expected: dict[tuple[str, date], Decimal],
        day: date,
        reported: dict[str, Decimal],
    ) -> None:
        ours = {p: v for (p, d), v in expected.items() if d == day}
        for producer in set(ours) | set(reported):
            want, got = ours.get(producer, Decimal("0")), reported.get(producer, Decimal("0"))
            if want != got:
                into.append(f"{what} producer {producer[:8]}: ledger {want}, platform {got}")

    async def _check_topic(self) -> None:
        wanted = {str(s) for s in self.ledger.sales_acknowledged}

        def seen(records: list[Any]) -> set[str]:
            found = set()
            for record in records:
                try:
                    envelope = json.loads(record.value)
                    if envelope.get("event_type") == "sale.recorded":
                        found.add(envelope["data"]["sale_id"])
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
            return found

        records = await read_topic(
            self.stack.bootstrap_servers,
            "sales.transactions.v1",
            enough=lambda rs: wanted <= seen(rs),
            timeout=60,
        )
        self.report.unreadable_on_topic = len(wanted - seen(records))
        names = [t.name for t in TOPICS] + [t.dlq for t in TOPICS]
        counts = await partition_counts(self.stack.bootstrap_servers, names)
        # A topic with another partition count is always wrong; a missing DLQ is not (it is
        # created when first needed), a missing topic is.
        main = {t.name for t in TOPICS}
        self.report.wrong_partitions = [
            f"{name}: {count}"
            for name, count in counts.items()
            if count != PARTITIONS and (count or name in main)
        ]

    async def check_registrations(self) -> None:
        mismatches = self.report.registration_mismatches
        async with httpx.AsyncClient(
            base_url=self.stack.url("events"), headers=STAFF, timeout=30
        ) as events:
            for event_id in self.world.showcases:
                got = await every_item(events, f"/v1/events/{event_id}/registrations")
                stored = Counter(item["member_id"] for item in got)
                status = {item["member_id"]: item["status"] for item in got}
                for member_id, count in stored.items():
                    if count > 1:
                        mismatches.append(f"{member_id[:8]} registered {count}× for {event_id[:8]}")
                for (e, m), decided in self.ledger.registrations.items():
                    if e == event_id and status.get(m) != decided:
                        mismatches.append(
                            f"{m[:8]} at {e[:8]}: answered {decided}, stored {status.get(m)}"
                        )
        self.report.registrations = len(self.ledger.registrations)

    async def check_deliveries(self, timeout: float = 90.0) -> None:
        """Exactly one delivery row per notification-causing event, and each sent once."""
        r = self.report

        async def state() -> tuple[dict[uuid.UUID, str], Counter[uuid.UUID], dict[uuid.UUID, str]]:
            conn = await self._connect()
            try:
                causes: dict[uuid.UUID, str] = {}
                for schema in ("registry", "events", "sales"):
                    for row in await conn.fetch(
                        f"SELECT event_id, event_type FROM {schema}.outbox "
                        "WHERE event_type = ANY($1::text[])",
                        list(NOTIFYING),
                    ):
                        causes[row["event_id"]] = row["event_type"]
                rows = await conn.fetch(
                    "SELECT delivery_id, source_event_id, state FROM notifications.deliveries "
                    "WHERE subscription_id IS NULL"
                )
            finally:
                await conn.close()
            per_source = Counter(row["source_event_id"] for row in rows)
            states = {row["delivery_id"]: row["state"] for row in rows}
            return causes, per_source, states

        async def settled() -> bool:
            causes, per_source, states = await state()
            return all(per_source[c] >= 1 for c in causes) and all(
                s == "sent" for s in states.values()
            )

        await _poll(settled, timeout, interval=1.0)
        causes, per_source, states = await state()
        r.deliveries_expected = len(causes)
        r.deliveries_found = sum(per_source[c] for c in causes)
        r.deliveries_missing = sum(1 for c in causes if per_source[c] == 0)
        r.deliveries_duplicated = sum(per_source[c] - 1 for c in causes if per_source[c] > 1)
        r.deliveries_unsent = sum(1 for s in states.values() if s != "sent")
        if r.deliveries_missing:
            kinds = Counter(t for c, t in causes.items() if per_source[c] == 0)
            r.notes.append(f"events without a delivery: {dict(kinds)}")
        accepted = self.stack.line.pushes_accepted()
        r.pushes_twice = sum(1 for n in accepted.values() if n > 1)
        resent = sum(1 for n in self.stack.line.attempts.values() if n > 1)
        if resent:
            r.notes.append(
                f"{resent} deliveries pushed again under the same retry key (LINE keeps one)"
            )
