-- The shop's online orders: a customer orders without an account, the order holds stock
-- (reservations on stock_on_hand.reserved), is paid by PromptPay and, once staff confirm
-- the payment, becomes a sale of channel `online` (a sale with no terminal).

-- An online sale and its refund are recorded by no terminal.
ALTER TABLE sales ALTER COLUMN terminal_id DROP NOT NULL;
ALTER TABLE refunds ALTER COLUMN terminal_id DROP NOT NULL;

CREATE TABLE orders (
    order_id              uuid PRIMARY KEY,  -- chosen by the client: a retry is a replay
    number                text NOT NULL UNIQUE,  -- OL-<B.E. year>-NNNNNN
    state                 text NOT NULL CHECK (state IN (
                              'placed', 'paid', 'packed', 'picked_up', 'shipped',
                              'completed', 'cancelled', 'expired')),
    -- SHA-256 of the customer's access code (the code itself is told once) and of the
    -- canonical request (a retry with the same body is answered the same).
    access_hash           text NOT NULL,
    request_hash          text NOT NULL,
    -- The customer's personal data: it stays here and travels only on order.placed.
    customer_name         text NOT NULL,
    phone                 text,
    email                 text,
    line_id               text,
    fulfilment            text NOT NULL CHECK (fulfilment IN ('pickup', 'post')),
    address               jsonb,
    note                  text,
    subtotal_satang       bigint NOT NULL CHECK (subtotal_satang >= 0),
    shipping_satang       bigint NOT NULL CHECK (shipping_satang >= 0),
    total_satang          bigint NOT NULL
                          CHECK (total_satang = subtotal_satang + shipping_satang),
    placed_at             timestamptz NOT NULL,
    expires_at            timestamptz NOT NULL,
    paid_at               timestamptz,
    payment_reference     text,
    packed_at             timestamptz,
    handed_over_at        timestamptz,
    shipped_at            timestamptz,
    carrier               text,
    tracking_no           text,
    completed_at          timestamptz,
    cancelled_at          timestamptz,
    cancel_reason         text,
    expired_at            timestamptz,
    sale_id               uuid REFERENCES sales (sale_id),
    refund_id             uuid REFERENCES refunds (refund_id),
    updated_at            timestamptz NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL),
    CHECK ((fulfilment = 'post') = (address IS NOT NULL))
);
CREATE INDEX orders_state_idx ON orders (state, placed_at DESC);
CREATE INDEX orders_placed_idx ON orders (placed_at DESC, order_id);
-- Unpaid orders per contact (the abuse limit) and the expiry job's scan.
CREATE INDEX orders_unpaid_phone_idx ON orders (phone) WHERE state = 'placed';
CREATE INDEX orders_unpaid_email_idx ON orders (lower(email)) WHERE state = 'placed';
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE state = 'placed';

CREATE TABLE order_lines (
    order_id            uuid NOT NULL REFERENCES orders (order_id),
    line_no             integer NOT NULL CHECK (line_no >= 1),
    product_id          uuid NOT NULL,
    sku                 text NOT NULL,
    producer_id         uuid NOT NULL,
    name_th             text,
    name_en             text,
    quantity            integer NOT NULL CHECK (quantity >= 1),
    unit_price_satang   bigint NOT NULL CHECK (unit_price_satang >= 0),
    line_total_satang   bigint NOT NULL CHECK (line_total_satang = quantity * unit_price_satang),
    PRIMARY KEY (order_id, line_no)
);

-- Units an order holds on stock_on_hand.reserved until it is paid (consumed by the sale),
-- cancelled or expired (released). A row is deleted when its units are consumed or released.
CREATE TABLE order_reservations (
    order_id    uuid NOT NULL REFERENCES orders (order_id),
    product_id  uuid NOT NULL,
    quantity    integer NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (order_id, product_id)
);

-- The shipping fee table for orders sent by post (one row): the first item, each further
-- item, and free from a subtotal. Pickup at the centre is free.
CREATE TABLE shipping_fees (
    only_row                 boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    first_item_satang        bigint NOT NULL CHECK (first_item_satang >= 0),
    each_further_satang      bigint NOT NULL CHECK (each_further_satang >= 0),
    free_from_satang         bigint CHECK (free_from_satang > 0),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
INSERT INTO shipping_fees (first_item_satang, each_further_satang, free_from_satang)
VALUES (5000, 1000, 150000);

-- Order numbers run per Buddhist-era year.
CREATE TABLE order_numbers (
    be_year  integer PRIMARY KEY,
    last_no  integer NOT NULL CHECK (last_no >= 1)
);
