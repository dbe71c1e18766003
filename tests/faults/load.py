"""The load driver: terminals posting sales over real HTTP as a shop's tablets do (a retry
after a timeout, a connection error or a 5xx sends the same sale_id and body again; offline
terminals upload their backlog in batches), some refunds, and members applying to
showcases. Bounded in count and time; it stops by itself and keeps a ledger."""

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx

from shared.timeutil import BANGKOK, now_bangkok
from tests.faults.ledger import Ledger, RefundSent, SaleSent
from tests.faults.world import STAFF, Product, Terminal, World

REQUEST_TIMEOUT = httpx.Timeout(5.0, connect=2.0)
RETRYABLE = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class LoadPlan:
    sales_per_online_terminal: int = 150  # at most; the run may stop them earlier
    batches_per_offline_terminal: int = 3
    batch_size: int = 100
    refund_share: float = 0.05
    seconds: float = 90.0  # no new sale is started after this, even if the run goes on
    patience: float = 150.0  # how long one request is retried before it is left unanswered
    pause: float = 0.0  # between two sales of one online terminal


class Answered(Exception):
    """A definite refusal: the platform said no and stored nothing."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status}: {body[:300]}")
        self.status = status


async def send_until_answered(
    ledger: Ledger, send: Callable[[], Awaitable[httpx.Response]], patience: float
) -> httpx.Response | None:
    """Send, and send the very same request again on a timeout, a network error or a 5xx,
    until an answer comes or patience runs out (then None: the outcome is unknown)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    delay = 0.1
    while True:
        try:
            response = await send()
            if response.status_code < 500:
                return response
            reason = f"http {response.status_code}"
        except RETRYABLE as error:
            reason = type(error).__name__
        ledger.retries[reason] += 1
        if loop.time() + delay > deadline:
            return None
        await asyncio.sleep(delay * random.uniform(0.5, 1.0))
        delay = min(delay * 2, 2.0)


class LoadDriver:
    def __init__(
        self, sales_url: str, events_url: str, world: World, ledger: Ledger, seed: int
    ) -> None:
        self.sales_url = sales_url
        self.events_url = events_url
        self.world = world
        self.ledger = ledger
        self.rng = random.Random(seed)
        self.backlog_day: date = now_bangkok().date() - timedelta(days=1)
        self.acknowledged_event = asyncio.Event()
        self.stopping = asyncio.Event()  # the faults are over: finish soon
        self._bodies: dict[uuid.UUID, dict[str, Any]] = {}

    def _sale(self, occurred_at: datetime, terminal: Terminal) -> tuple[dict[str, Any], SaleSent]:
        sale_id = uuid.uuid4()
        chosen: list[Product] = self.rng.sample(self.world.products, self.rng.randint(1, 3))
        lines: list[dict[str, Any]] = []
        recorded: list[tuple[int, str, int, Decimal]] = []
        for n, product in enumerate(chosen, start=1):
            quantity = self.rng.randint(1, 3)
            lines.append(
                {"sku": product.sku, "quantity": quantity, "unit_price": str(product.price)}
            )
            recorded.append((n, product.producer_id, quantity, quantity * product.price))
        total = sum((amount for *_, amount in recorded), Decimal("0"))
        method = self.rng.choice(("cash", "promptpay", "card"))
        body = {
            "sale_id": str(sale_id),
            "occurred_at": occurred_at.isoformat(),
            "lines": lines,
            "payments": [{"method": method, "amount": str(total)}],
        }
        sent = SaleSent(
            sale_id,
            terminal.terminal_id,
            occurred_at.astimezone(BANGKOK).date(),
            tuple(recorded),
            total,
        )
        self.ledger.sales_sent[sale_id] = sent
        self._bodies[sale_id] = body
        return body, sent

    async def run(self, plan: LoadPlan) -> None:
        """Every terminal and every member at once; returns when all have finished."""
        loop = asyncio.get_running_loop()
        stop_at = loop.time() + plan.seconds
        jobs: list[Awaitable[None]] = []
        for terminal in self.world.terminals:
            if terminal.offline:
                jobs.append(self._offline_terminal(terminal, plan, stop_at))
            else:
                jobs.append(self._online_terminal(terminal, plan, stop_at))
        jobs.append(self._members_apply(plan))
        await asyncio.gather(*jobs)

    async def first_sales_acknowledged(self, timeout: float = 60.0) -> None:
        await asyncio.wait_for(self.acknowledged_event.wait(), timeout)

    def _till(self, terminal: Terminal) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.sales_url,
            headers={"Authorization": f"Bearer {terminal.api_key}"},
            timeout=REQUEST_TIMEOUT,
        )

    async def _online_terminal(self, terminal: Terminal, plan: LoadPlan, stop_at: float) -> None:
        loop = asyncio.get_running_loop()
        async with self._till(terminal) as till:
            for _ in range(plan.sales_per_online_terminal):
                if loop.time() > stop_at or self.stopping.is_set():
                    return
                body, sent = self._sale(now_bangkok(), terminal)
                response = await send_until_answered(
                    self.ledger, lambda b=body: till.post("/v1/sales", json=b), plan.patience
                )
                if response is None:
                    continue
                if response.status_code in (200, 201):
                    self._acknowledged(sent.sale_id, response.status_code)
                    if self.rng.random() < plan.refund_share:
                        await self._refund(till, sent, plan)
                else:
                    self.ledger.sales_refused[sent.sale_id] = response.text[:300]
                if plan.pause:
                    await asyncio.sleep(plan.pause)

    async def _offline_terminal(self, terminal: Terminal, plan: LoadPlan, stop_at: float) -> None:
        loop = asyncio.get_running_loop()
        async with self._till(terminal) as till:
            till.timeout = httpx.Timeout(30.0, connect=2.0)
            for batch in range(plan.batches_per_offline_terminal):
                if loop.time() > stop_at:
                    return
                if batch:  # back online a while later, or at once when the faults are over
                    spell = plan.seconds / (plan.batches_per_offline_terminal + 1)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.stopping.wait(), spell)
                backlog = []
                for _ in range(plan.batch_size):
                    minute = self.rng.randint(0, 9 * 60)
                    at = datetime.combine(self.backlog_day, time(8), BANGKOK) + timedelta(
                        minutes=minute, seconds=self.rng.randint(0, 59)
                    )
                    backlog.append(self._sale(at, terminal))
                bodies = [body for body, _ in backlog]
                response = await send_until_answered(
                    self.ledger,
                    lambda b=bodies: till.post("/v1/sales/batch", json={"sales": b}),
                    plan.patience,
                )
                if response is None:
                    continue
                if response.status_code != 200:
                    for _, sent in backlog:
                        self.ledger.sales_refused[sent.sale_id] = response.text[:300]
                    continue
                for result, (_, sent) in zip(response.json()["results"], backlog, strict=True):
                    if result["status"] in (200, 201):
                        self._acknowledged(sent.sale_id, result["status"])
                    else:
                        self.ledger.sales_refused[sent.sale_id] = str(result.get("problem"))
                refundable = [s for _, s in backlog if s.sale_id in self.ledger.sales_acknowledged]
                for sent in refundable[: int(len(refundable) * plan.refund_share)]:
                    await self._refund(till, sent, plan)

    def _acknowledged(self, sale_id: uuid.UUID, status: int) -> None:
        self.ledger.acknowledge_sale(sale_id, status)
        self.acknowledged_event.set()

    async def _refund(self, till: httpx.AsyncClient, sale: SaleSent, plan: LoadPlan) -> None:
        line_no, _, quantity, _ = sale.lines[0]
        refund = RefundSent(uuid.uuid4(), sale, line_no)
        self.ledger.refunds_sent[refund.refund_id] = refund
        body = {
            "refund_id": str(refund.refund_id),
            "lines": [{"line_no": line_no, "quantity": quantity}],
            "method": "cash",
            "reason": "ลูกค้าเปลี่ยนใจ",
        }
        response = await send_until_answered(
            self.ledger,
            lambda: till.post(f"/v1/sales/{sale.sale_id}/refunds", json=body),
            plan.patience,
        )
        if response is not None and response.status_code in (200, 201):
            self.ledger.refunds_acknowledged.add(refund.refund_id)

    async def _members_apply(self, plan: LoadPlan) -> None:
        async with httpx.AsyncClient(
            base_url=self.events_url, headers=STAFF, timeout=REQUEST_TIMEOUT
        ) as events:
            applications = [(e, m) for e in self.world.showcases for m in self.world.producers]
            self.rng.shuffle(applications)
            for event_id, member_id in applications:
                await self._apply(events, event_id, member_id, plan)
                await asyncio.sleep(plan.seconds / max(1, len(applications)) / 2)

    async def _apply(
        self, events: httpx.AsyncClient, event_id: str, member_id: str, plan: LoadPlan
    ) -> None:
        response = await send_until_answered(
            self.ledger,
            lambda: events.post(
                f"/v1/events/{event_id}/registrations", json={"member_id": member_id}
            ),
            plan.patience,
        )
        if response is None:
            return
        if response.status_code == 201:
            self.ledger.registrations[(event_id, member_id)] = response.json()["status"]
        elif response.status_code == 409:
            # A retry of an application the service had already decided: look it up.
            await self._look_up_decision(events, event_id, member_id, plan)

    async def _look_up_decision(
        self, events: httpx.AsyncClient, event_id: str, member_id: str, plan: LoadPlan
    ) -> None:
        """The member's registration for the event, read page after page of the event's."""
        cursor: str | None = None
        while True:
            query = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            found = await send_until_answered(
                self.ledger,
                lambda q=query: events.get(f"/v1/events/{event_id}/registrations", params=q),
                plan.patience,
            )
            if found is None or found.status_code != 200:
                return
            for item in found.json()["items"]:
                if item["member_id"] == member_id:
                    self.ledger.registrations[(event_id, member_id)] = item["status"]
            cursor = found.json()["next_cursor"]
            if cursor is None:
                return

    async def settle_unanswered(self, patience: float = 90.0) -> None:
        """Once the faults are healed, terminals that never got an answer send again (same
        sale_id and body), so every sale ends acknowledged or refused."""
        by_terminal = {t.terminal_id: t for t in self.world.terminals}
        for sale_id in self.ledger.unacknowledged:
            sent = self.ledger.sales_sent[sale_id]
            terminal = by_terminal[sent.terminal_id]
            body = self._body_of(sent)
            async with self._till(terminal) as till:
                if terminal.offline:
                    response = await send_until_answered(
                        self.ledger,
                        lambda b=body: till.post("/v1/sales/batch", json={"sales": [b]}),
                        patience,
                    )
                    if response is not None and response.status_code == 200:
                        status = response.json()["results"][0]["status"]
                        if status in (200, 201):
                            self._acknowledged(sale_id, status)
                else:
                    response = await send_until_answered(
                        self.ledger, lambda b=body: till.post("/v1/sales", json=b), patience
                    )
                    if response is not None and response.status_code in (200, 201):
                        self._acknowledged(sale_id, response.status_code)
        for refund_id, refund in self.ledger.refunds_sent.items():
            if refund_id in self.ledger.refunds_acknowledged:
                continue
            terminal = by_terminal[refund.sale.terminal_id]
            async with self._till(terminal) as till:
                body = {
                    "refund_id": str(refund_id),
                    "lines": [{"line_no": refund.line_no, "quantity": refund.sale.lines[0][2]}],
                    "method": "cash",
                    "reason": "ลูกค้าเปลี่ยนใจ",
                }
                response = await send_until_answered(
                    self.ledger,
                    lambda r=refund, b=body: till.post(
                        f"/v1/sales/{r.sale.sale_id}/refunds", json=b
                    ),
                    patience,
                )
                if response is not None and response.status_code in (200, 201):
                    self.ledger.refunds_acknowledged.add(refund_id)

    def _body_of(self, sent: SaleSent) -> dict[str, Any]:
        return self._bodies[sent.sale_id]
