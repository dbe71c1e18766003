-- A member's personal data can be erased on request (PDPA); the row, its id, type, area
-- and history stay. NULL while the data is held.
ALTER TABLE members ADD COLUMN erased_at timestamptz;
