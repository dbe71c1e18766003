-- The registry erased the member's personal data on request (PDPA): its names here are as
-- the erasure left them, and an older snapshot arriving late does not fill them again.
ALTER TABLE members ADD COLUMN erased_at timestamptz;
