-- The events published before their names were kept: their titles are already in the
-- reminders' schedule (the same fields), so notices about them name them too.
INSERT INTO event_names (event_id, version, event)
SELECT event_id, version, event FROM event_reminders WHERE event <> '{}'::jsonb
ON CONFLICT (event_id) DO NOTHING;
