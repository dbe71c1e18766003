"""When a booth terminal may sell: while its showcase event runs.

A booth sells on the event's business days (Asia/Bangkok), from 00:00 of its first day to
24:00 of its last, so setting up on the first morning is covered; there is no extra day
before or after. A sale is judged by when it happened (`occurred_at`), not by when it
arrives: a backlog uploaded after the event closed is accepted for the sales made during it.
A sale made after the event was cancelled or closed is refused, as is any sale for an event
that is not (or was never) published. The terminals' clock difference allowed on every sale
(SALES_CLOCK_SKEW_SECONDS) applies at each edge.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from services.sales.domain.errors import ForbiddenForTerminal
from shared.timeutil import BANGKOK, business_day


class OutsideEventDays(ForbiddenForTerminal):
    slug = "booth-outside-event"
    title = "The booth cannot sell at this time"


@dataclass(frozen=True)
class ShowcaseEvent:
    """What the sales service knows of a showcase event (from events.showcases.v1). Dates
    may be unknown for events recorded before they were kept; then only the status counts."""

    event_id: uuid.UUID
    status: str
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    # When it was cancelled or closed.
    ended_at: datetime | None = None

    def sale_window(self) -> tuple[datetime, datetime] | None:
        """[first day 00:00, day after the last 00:00) in Asia/Bangkok, when dates are known."""
        if self.starts_at is None or self.ends_at is None:
            return None
        first = datetime.combine(business_day(self.starts_at), time(0), BANGKOK)
        after = datetime.combine(business_day(self.ends_at) + timedelta(days=1), time(0), BANGKOK)
        return first, after

    def check_sale(self, occurred_at: datetime, skew: timedelta) -> None:
        """Refuse (403) a booth sale made when this event was not running."""
        when = occurred_at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")
        if self.status not in ("published", "cancelled", "closed"):
            raise OutsideEventDays(
                f"งาน {self.event_id} ยังไม่ได้เผยแพร่ บูธจึงยังขายไม่ได้ / event {self.event_id} "
                f"is {self.status}: its booth sells only once it is published"
            )
        if self.ended_at is not None and occurred_at > self.ended_at + skew:
            ended = self.ended_at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")
            word_th = "ถูกยกเลิก" if self.status == "cancelled" else "ปิดแล้ว"
            raise OutsideEventDays(
                f"งาน {self.event_id} {word_th}เมื่อ {ended} การขายเวลา {when} จึงบันทึกไม่ได้ / "
                f"event {self.event_id} was {self.status} at {ended} (Asia/Bangkok): a sale "
                f"made at {when} cannot be recorded",
                event_id=str(self.event_id),
            )
        window = self.sale_window()
        if window is None:
            if self.status == "cancelled" and self.ended_at is None:
                raise OutsideEventDays(
                    f"งาน {self.event_id} ถูกยกเลิก / event {self.event_id} was cancelled"
                )
            return
        first, after = window
        if first - skew <= occurred_at < after + skew:
            return
        days = f"{first.date().isoformat()} – {(after - timedelta(days=1)).date().isoformat()}"
        if occurred_at < first:
            raise OutsideEventDays(
                f"งาน {self.event_id} ยังไม่เริ่ม บูธขายได้เฉพาะวันงาน {days} (เวลา {when}) / "
                f"event {self.event_id} has not begun: its booth sells only on the event's "
                f"days, {days} (Asia/Bangkok); this sale was made at {when}",
                event_id=str(self.event_id),
            )
        raise OutsideEventDays(
            f"งาน {self.event_id} จบแล้ว บูธขายได้เฉพาะวันงาน {days} (เวลา {when}) / "
            f"event {self.event_id} is over: its booth sells only on the event's days, {days} "
            f"(Asia/Bangkok); this sale was made at {when}",
            event_id=str(self.event_id),
        )


def check_booth_sale(
    event: ShowcaseEvent | None, event_id: uuid.UUID, occurred_at: datetime, skew: timedelta
) -> None:
    """A booth terminal's sale for `event_id`, judged against what is known of the event."""
    if event is None:
        raise OutsideEventDays(
            f"ไม่รู้จักงาน {event_id} / event {event_id} is not known here: its booth cannot sell"
        )
    event.check_sale(occurred_at, skew)
