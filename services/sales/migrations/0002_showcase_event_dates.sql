-- A booth terminal sells only while its showcase event runs: keep the event's dates and when
-- it was cancelled or closed. Unknown (NULL) for events recorded before; then only the
-- status counts until the event's next message.
ALTER TABLE showcase_events
    ADD COLUMN starts_at  timestamptz,
    ADD COLUMN ends_at    timestamptz,
    ADD COLUMN ended_at   timestamptz;
