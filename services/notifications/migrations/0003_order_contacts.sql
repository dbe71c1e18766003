-- The customers of the shop's online orders: their contact arrives only on order.placed and
-- is kept here, keyed by the order, so each later change of the order can be told to them.
-- Personal data: never logged, never in a delivery's context or event; erased (set to NULL,
-- `erased_at` stamped) some time after the order ended (completed, cancelled, expired), or
-- at the latest a while after it was placed if its end never arrives.
CREATE TABLE order_contacts (
    order_id      uuid PRIMARY KEY,
    number        text NOT NULL,
    fulfilment    text NOT NULL CHECK (fulfilment IN ('pickup', 'post')),
    total         numeric(14, 2) NOT NULL CHECK (total >= 0),
    state         text NOT NULL,
    name          text,
    email         text,
    phone         text,
    line_id       text,
    channels      text[] NOT NULL DEFAULT '{}',
    placed_at     timestamptz NOT NULL,
    ended_at      timestamptz,
    erased_at     timestamptz,
    CHECK (erased_at IS NULL OR (name IS NULL AND email IS NULL AND phone IS NULL
                                 AND line_id IS NULL))
);
CREATE INDEX order_contacts_ended_idx ON order_contacts (ended_at) WHERE erased_at IS NULL;
CREATE INDEX order_contacts_placed_idx ON order_contacts (placed_at) WHERE erased_at IS NULL;

-- A delivery to an order's customer names the order and the one channel it goes on; the
-- uniqueness of a delivery per (source event, recipient, kind) now counts those too.
ALTER TABLE deliveries
    ADD COLUMN order_id uuid,
    ADD COLUMN to_channel text CHECK (to_channel IN ('line', 'email', 'sms'));
ALTER TABLE deliveries DROP CONSTRAINT deliveries_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_recipient_check
    CHECK (num_nonnulls(member_id, subscription_id, order_id) >= 1
           AND (order_id IS NULL) = (to_channel IS NULL));
ALTER TABLE deliveries
    DROP CONSTRAINT deliveries_source_event_id_member_id_kind_subscription_id_key;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_once_per_recipient
    UNIQUE NULLS NOT DISTINCT (source_event_id, member_id, kind, subscription_id, order_id,
                               to_channel);
CREATE INDEX deliveries_order_idx ON deliveries (order_id, created_at)
    WHERE order_id IS NOT NULL;
