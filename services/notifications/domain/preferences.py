"""A member's notification preferences: language, channels in order, opt-outs, quiet hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from services.notifications.domain.kinds import Kind
from shared.contracts.notifications import Channel, NotificationKind
from shared.timeutil import BANGKOK

LANGUAGES = ("th", "en")
DEFAULT_CHANNELS: tuple[Channel, ...] = (Channel.LINE, Channel.EMAIL, Channel.SMS)
MEMBER_CHANNELS: tuple[Channel, ...] = (Channel.LINE, Channel.EMAIL, Channel.SMS)

# Notices a member must get whatever they opted out of, at any hour.
CRITICAL_KINDS: frozenset[Kind] = frozenset(
    {NotificationKind.EVENT_CANCELLED, NotificationKind.STOCK_RECALL_REQUESTED}
)


def is_critical(kind: Kind) -> bool:
    return kind in CRITICAL_KINDS


@dataclass(frozen=True)
class QuietHours:
    """A daily span in Asia/Bangkok when non-critical messages wait; may wrap midnight
    (22:00–07:00). `start` is inside the span, `end` is not."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours must not start and end at the same time")

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(BANGKOK).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def end_after(self, moment: datetime) -> datetime:
        """When the quiet span containing `moment` ends (moment itself if it is not quiet)."""
        if not self.contains(moment):
            return moment
        local = moment.astimezone(BANGKOK)
        end = datetime.combine(local.date(), self.end, tzinfo=BANGKOK)
        if end <= local:
            end += timedelta(days=1)
        return end


@dataclass(frozen=True)
class Preferences:
    language: str | None = None  # None: the member's preferred language from the registry
    channels: tuple[Channel, ...] = DEFAULT_CHANNELS
    opt_outs: frozenset[NotificationKind] = field(default_factory=frozenset)
    quiet_hours: QuietHours | None = None

    def __post_init__(self) -> None:
        if self.language is not None and self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        if not self.channels:
            raise ValueError("at least one channel is needed")
        if len(set(self.channels)) != len(self.channels):
            raise ValueError("a channel may appear only once")
        for channel in self.channels:
            if channel not in MEMBER_CHANNELS:
                raise ValueError(f"{channel} is not a channel a member can choose")

    def wants(self, kind: Kind) -> bool:
        return is_critical(kind) or kind not in self.opt_outs

    def send_at(self, kind: Kind, now: datetime) -> datetime:
        """When a message of `kind` may go out: at once, or when quiet hours end."""
        if is_critical(kind) or self.quiet_hours is None:
            return now
        return self.quiet_hours.end_after(now)
