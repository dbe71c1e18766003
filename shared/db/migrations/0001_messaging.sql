-- Transactional outbox: every event a service publishes is first a row here, written in the
-- same transaction as the state change. The relay moves rows from pending to published and
-- keeps published rows for a while so an operator can republish them.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    event_id        uuid NOT NULL UNIQUE,
    event_type      text NOT NULL,
    topic           text NOT NULL,
    message_key     text NOT NULL,
    envelope        jsonb NOT NULL,
    correlation_id  uuid NOT NULL,
    state           text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'published')),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    CHECK ((state = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE state = 'published';
CREATE INDEX outbox_created_at_idx ON outbox (created_at);

-- Inbox: event ids a consumer has processed, written in the same transaction as the
-- handler's effects, so a redelivered event changes nothing.
CREATE TABLE inbox (
    consumer      text NOT NULL,
    event_id      uuid NOT NULL,
    event_type    text NOT NULL,
    topic         text NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
