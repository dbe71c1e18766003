-- A consumer handles what one poll brings in one transaction, where now() is the same for
-- every row: each delivery takes the time it is written instead, so deliveries keep the
-- order of the events that made them (the queue's and the lists' order by created_at).
ALTER TABLE deliveries ALTER COLUMN created_at SET DEFAULT clock_timestamp();
