-- Audit trail: who (a staff account's id, or the admin token) changed what and when, and
-- the aggregate it touched. Written in the same transaction as the change; never names a
-- person, only the account's id (the web front knows who that is).
CREATE TABLE audit_trail (
    id              bigserial PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor_kind      text NOT NULL CHECK (actor_kind IN ('staff', 'operator')),
    actor_id        text NOT NULL,
    action          text NOT NULL,
    aggregate_type  text NOT NULL,
    aggregate_id    text NOT NULL,
    event_id        uuid,
    correlation_id  uuid NOT NULL
);
CREATE INDEX audit_trail_aggregate_idx ON audit_trail (aggregate_id, id);
CREATE INDEX audit_trail_actor_idx ON audit_trail (actor_id, id);

-- The actor whose change an event records travels with it as a message header.
ALTER TABLE outbox ADD COLUMN actor_id text;
