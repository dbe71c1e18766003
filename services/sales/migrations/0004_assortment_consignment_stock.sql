-- The centre shop's assortment (products its committee approved), consignment stock by
-- product and lot, the notes that bring it in and take it back, stock counts, and every
-- movement of stock (append-only). Stock exists only at the shop: booth sales move none.

-- The producer's district (registry.members.v1 site), for who may propose their products.
ALTER TABLE producers ADD COLUMN district_code text;

-- What the public catalogue shows beside the names the till shows.
ALTER TABLE catalogue_products ADD COLUMN description text;

CREATE TABLE assortment (
    product_id    uuid PRIMARY KEY,
    producer_id   uuid NOT NULL,
    state         text NOT NULL CHECK (state IN ('proposed', 'approved', 'declined', 'withdrawn')),
    proposed_at   timestamptz NOT NULL,
    proposed_by   text NOT NULL,
    note          text,
    decided_at    timestamptz,
    decided_by    text,
    reason        text,
    low_stock_at  integer NOT NULL DEFAULT 3 CHECK (low_stock_at >= 0),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX assortment_producer_idx ON assortment (producer_id, state);

CREATE SEQUENCE consignment_intake_numbers;
CREATE SEQUENCE consignment_return_numbers;

CREATE TABLE consignment_notes (
    note_id       uuid PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('intake', 'return')),
    number        text NOT NULL UNIQUE,
    producer_id   uuid NOT NULL,
    person        text NOT NULL,
    received_by   text NOT NULL,
    reason        text CHECK (reason IN ('unsold', 'damaged', 'expired', 'recalled')),
    request_hash  text NOT NULL,
    occurred_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'return') = (reason IS NOT NULL))
);
CREATE INDEX consignment_notes_producer_idx ON consignment_notes (producer_id, occurred_at);

CREATE TABLE stock_lots (
    lot_id        uuid PRIMARY KEY,
    product_id    uuid NOT NULL,
    producer_id   uuid NOT NULL,
    lot_code      text NOT NULL,
    best_before   date,
    received_at   timestamptz NOT NULL,
    on_hand       integer NOT NULL DEFAULT 0,
    expiry_alerted boolean NOT NULL DEFAULT false,
    UNIQUE (product_id, lot_code)
);

CREATE TABLE consignment_note_lines (
    note_id       uuid NOT NULL REFERENCES consignment_notes (note_id),
    line_no       integer NOT NULL CHECK (line_no >= 1),
    product_id    uuid NOT NULL,
    lot_id        uuid REFERENCES stock_lots (lot_id),
    lot_code      text,
    best_before   date,
    quantity      integer NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (note_id, line_no)
);

CREATE TABLE stock_on_hand (
    product_id    uuid PRIMARY KEY,
    producer_id   uuid NOT NULL,
    on_hand       integer NOT NULL DEFAULT 0,
    reserved      integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    needs_count   boolean NOT NULL DEFAULT false,
    low_alerted   boolean NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_on_hand_producer_idx ON stock_on_hand (producer_id);

CREATE TABLE stock_counts (
    count_id      uuid PRIMARY KEY,
    product_id    uuid NOT NULL,
    reason        text NOT NULL,
    counted_by    text NOT NULL,
    request_hash  text NOT NULL,
    counted_at    timestamptz NOT NULL
);

CREATE TABLE stock_count_lines (
    count_id      uuid NOT NULL REFERENCES stock_counts (count_id),
    lot_id        uuid NOT NULL REFERENCES stock_lots (lot_id),
    lot_code      text NOT NULL,
    expected      integer NOT NULL,
    counted       integer NOT NULL CHECK (counted >= 0),
    PRIMARY KEY (count_id, lot_id)
);

CREATE TABLE stock_movements (
    id            bigserial PRIMARY KEY,
    product_id    uuid NOT NULL,
    producer_id   uuid NOT NULL,
    lot_id        uuid REFERENCES stock_lots (lot_id),
    kind          text NOT NULL
                  CHECK (kind IN ('intake', 'sale', 'refund', 'void', 'return', 'adjustment')),
    quantity      integer NOT NULL CHECK (quantity <> 0),
    sale_id       uuid,
    refund_id     uuid,
    note_id       uuid,
    count_id      uuid,
    reason        text,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, occurred_at);
CREATE INDEX stock_movements_sale_idx ON stock_movements (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX stock_movements_producer_idx ON stock_movements (producer_id, occurred_at);
