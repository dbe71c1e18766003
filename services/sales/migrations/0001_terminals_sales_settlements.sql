-- The POS sales service: terminals and their keys, shifts, sales with their lines and
-- payments, refunds, voids, settlements, daily summaries, and the read models of products
-- and showcase events it builds from other services' topics. Money is whole satang.

-- Read model of registry.products.v1: what can be sold, at what price, by whom.
CREATE TABLE catalogue_products (
    product_id     uuid PRIMARY KEY,
    member_id      uuid NOT NULL,
    sku            text NOT NULL,
    price_satang   bigint NOT NULL CHECK (price_satang >= 0),
    status         text NOT NULL CHECK (status IN ('listed', 'delisted')),
    version        integer NOT NULL CHECK (version >= 1),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_products_sku_idx ON catalogue_products (sku);

-- Read model of events.showcases.v1: which events a booth terminal may belong to.
CREATE TABLE showcase_events (
    event_id    uuid PRIMARY KEY,
    kind        text,
    status      text NOT NULL CHECK (status IN ('draft', 'published', 'cancelled', 'closed')),
    version     integer NOT NULL CHECK (version >= 1),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE terminals (
    terminal_id  uuid PRIMARY KEY,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    location     text NOT NULL CHECK (location IN ('shop', 'booth')),
    event_id     uuid,
    created_at   timestamptz NOT NULL,
    CHECK ((location = 'booth') = (event_id IS NOT NULL))
);

-- API keys: only a SHA-256 hash is kept; `hint` is the prefix and last characters.
CREATE TABLE terminal_keys (
    key_id       uuid PRIMARY KEY,
    terminal_id  uuid NOT NULL REFERENCES terminals (terminal_id),
    key_hash     bytea NOT NULL UNIQUE,
    hint         text NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX terminal_keys_terminal_idx ON terminal_keys (terminal_id);

CREATE TABLE shifts (
    shift_id               uuid PRIMARY KEY,
    terminal_id            uuid NOT NULL REFERENCES terminals (terminal_id),
    opened_at              timestamptz NOT NULL,
    opening_float_satang   bigint NOT NULL CHECK (opening_float_satang >= 0),
    closed_at              timestamptz,
    counted_cash_satang    bigint CHECK (counted_cash_satang >= 0),
    report                 jsonb,
    CHECK ((closed_at IS NULL) = (counted_cash_satang IS NULL))
);
-- One open shift per terminal.
CREATE UNIQUE INDEX shifts_one_open_per_terminal ON shifts (terminal_id) WHERE closed_at IS NULL;

CREATE TABLE sales (
    sale_id               uuid PRIMARY KEY,
    terminal_id           uuid NOT NULL REFERENCES terminals (terminal_id),
    shift_id              uuid REFERENCES shifts (shift_id),
    location              text NOT NULL CHECK (location IN ('shop', 'booth')),
    event_id              uuid,
    occurred_at           timestamptz NOT NULL,
    recorded_at           timestamptz NOT NULL,
    business_day          date NOT NULL,
    subtotal_satang       bigint NOT NULL CHECK (subtotal_satang >= 0),
    discount_satang       bigint NOT NULL CHECK (discount_satang >= 0),
    total_satang          bigint NOT NULL CHECK (total_satang >= 0),
    change_given_satang   bigint NOT NULL CHECK (change_given_satang >= 0),
    -- SHA-256 of the canonical request: a retry with the same body answers `receipt`.
    request_hash          text NOT NULL,
    receipt               jsonb NOT NULL,
    voided_at             timestamptz,
    void_reason           text,
    CHECK (subtotal_satang - discount_satang = total_satang)
);
CREATE INDEX sales_business_day_idx ON sales (business_day);
CREATE INDEX sales_shift_idx ON sales (shift_id);

CREATE TABLE sale_lines (
    sale_id              uuid NOT NULL REFERENCES sales (sale_id),
    line_no              integer NOT NULL CHECK (line_no >= 1),
    product_id           uuid NOT NULL,
    sku                  text NOT NULL,
    producer_id          uuid NOT NULL,
    quantity             integer NOT NULL CHECK (quantity >= 1),
    unit_price_satang    bigint NOT NULL CHECK (unit_price_satang >= 0),
    line_total_satang    bigint NOT NULL CHECK (line_total_satang = quantity * unit_price_satang),
    discount_satang      bigint NOT NULL CHECK (discount_satang BETWEEN 0 AND line_total_satang),
    net_satang           bigint NOT NULL CHECK (net_satang = line_total_satang - discount_satang),
    refunded_quantity    integer NOT NULL DEFAULT 0
                         CHECK (refunded_quantity BETWEEN 0 AND quantity),
    refunded_satang      bigint NOT NULL DEFAULT 0 CHECK (refunded_satang BETWEEN 0 AND net_satang),
    -- The settlement that paid this line out; NULL until one does.
    settlement_id        uuid,
    PRIMARY KEY (sale_id, line_no)
);
CREATE INDEX sale_lines_unsettled_idx ON sale_lines (producer_id) WHERE settlement_id IS NULL;

CREATE TABLE sale_payments (
    sale_id        uuid NOT NULL REFERENCES sales (sale_id),
    payment_no     integer NOT NULL,
    method         text NOT NULL CHECK (method IN ('cash', 'promptpay', 'card')),
    amount_satang  bigint NOT NULL CHECK (amount_satang > 0),
    PRIMARY KEY (sale_id, payment_no)
);

CREATE TABLE refunds (
    refund_id      uuid PRIMARY KEY,
    sale_id        uuid NOT NULL REFERENCES sales (sale_id),
    terminal_id    uuid NOT NULL REFERENCES terminals (terminal_id),
    shift_id       uuid REFERENCES shifts (shift_id),
    event_id       uuid,
    method         text NOT NULL CHECK (method IN ('cash', 'promptpay', 'card')),
    total_satang   bigint NOT NULL CHECK (total_satang >= 0),
    reason         text,
    refunded_at    timestamptz NOT NULL,
    business_day   date NOT NULL,
    -- Revenue, summaries and settlements count a refund against the day of its sale.
    sale_business_day  date NOT NULL,
    request_hash   text NOT NULL,
    receipt        jsonb NOT NULL
);
CREATE INDEX refunds_sale_idx ON refunds (sale_id);
CREATE INDEX refunds_sale_business_day_idx ON refunds (sale_business_day);
CREATE INDEX refunds_shift_idx ON refunds (shift_id);

CREATE TABLE refund_lines (
    refund_id      uuid NOT NULL REFERENCES refunds (refund_id),
    line_no        integer NOT NULL,
    sale_id        uuid NOT NULL,
    product_id     uuid NOT NULL,
    sku            text NOT NULL,
    producer_id    uuid NOT NULL,
    quantity       integer NOT NULL CHECK (quantity >= 1),
    amount_satang  bigint NOT NULL CHECK (amount_satang >= 0),
    settlement_id  uuid,
    PRIMARY KEY (refund_id, line_no),
    FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines (sale_id, line_no)
);
CREATE INDEX refund_lines_unsettled_idx ON refund_lines (producer_id) WHERE settlement_id IS NULL;

CREATE TABLE settlements (
    settlement_id        uuid PRIMARY KEY,
    producer_id          uuid NOT NULL,
    period_start         date NOT NULL,
    period_end           date NOT NULL,
    corrects             uuid REFERENCES settlements (settlement_id),
    sale_count           integer NOT NULL CHECK (sale_count >= 0),
    gross_satang         bigint NOT NULL,
    refunds_satang       bigint NOT NULL,
    net_satang           bigint NOT NULL CHECK (net_satang = gross_satang - refunds_satang),
    commission_percent   numeric(5, 2) NOT NULL,
    commission_satang    bigint NOT NULL,
    payout_satang        bigint NOT NULL CHECK (payout_satang = net_satang - commission_satang),
    issued_at            timestamptz NOT NULL,
    CHECK (period_start <= period_end)
);
-- Issued once per producer and period; corrections are further rows naming the original.
CREATE UNIQUE INDEX settlements_once_per_period
    ON settlements (producer_id, period_start, period_end) WHERE corrects IS NULL;

-- Producer days whose figures changed since their last daily summary.
CREATE TABLE summary_due (
    producer_id   uuid NOT NULL,
    business_day  date NOT NULL,
    PRIMARY KEY (producer_id, business_day)
);

CREATE TABLE daily_summaries (
    producer_id   uuid NOT NULL,
    business_day  date NOT NULL,
    revision      integer NOT NULL CHECK (revision >= 1),
    figures       jsonb NOT NULL,
    generated_at  timestamptz NOT NULL,
    PRIMARY KEY (producer_id, business_day, revision)
);
