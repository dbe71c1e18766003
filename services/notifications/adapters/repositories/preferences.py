"""Members' notification preferences, set by staff."""

from __future__ import annotations

import uuid

import asyncpg

from services.notifications.domain.preferences import Preferences, QuietHours
from shared.contracts.notifications import Channel, NotificationKind

PREFERENCES_OF_MEMBER = """
SELECT language, channels, opt_outs, quiet_start, quiet_end
FROM preferences WHERE member_id = $1
"""

SAVE_PREFERENCES = """
INSERT INTO preferences (member_id, language, channels, opt_outs, quiet_start, quiet_end)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (member_id) DO UPDATE SET
    language = EXCLUDED.language, channels = EXCLUDED.channels,
    opt_outs = EXCLUDED.opt_outs, quiet_start = EXCLUDED.quiet_start,
    quiet_end = EXCLUDED.quiet_end, updated_at = now()
"""


class PostgresPreferenceRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def get(self, member_id: uuid.UUID) -> Preferences | None:
        row = await self._conn.fetchrow(PREFERENCES_OF_MEMBER, member_id)
        if row is None:
            return None
        quiet = None
        if row["quiet_start"] is not None:
            quiet = QuietHours(row["quiet_start"], row["quiet_end"])
        return Preferences(
            language=row["language"],
            channels=tuple(Channel(c) for c in row["channels"]),
            opt_outs=frozenset(NotificationKind(k) for k in row["opt_outs"]),
            quiet_hours=quiet,
        )

    async def save(self, member_id: uuid.UUID, preferences: Preferences) -> None:
        quiet = preferences.quiet_hours
        await self._conn.execute(
            SAVE_PREFERENCES,
            member_id,
            preferences.language,
            [c.value for c in preferences.channels],
            sorted(k.value for k in preferences.opt_outs),
            quiet.start if quiet else None,
            quiet.end if quiet else None,
        )
