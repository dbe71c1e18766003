"""The statement that stores a request's sales: sales, lines, payments, summary marks and, at
the shop, the stock the sales take."""

# One statement stores the sales, their lines and payments, and marks their producer days
# due. Sales go in sale-id order, so two batches that share sales cannot deadlock each other;
# a sale whose id (a retry racing its original) or terminal receipt number (another sale
# numbered the same meanwhile) is taken already is skipped with its lines and payments, and
# the handler tells which. The marks are DO UPDATE, not DO NOTHING: a mark held by a running
# summary waits for it, and when that run then deletes the mark, the row goes in again; a
# change committed while a run computes its figures is never lost with the mark the run
# clears. They are locked in (producer, day) order, so sales of the same producers cannot
# deadlock. At the shop the same statement takes the units from stock: each product's demand
# (sales in order) is laid against its lots (earliest best-before first, then the earliest
# received) as ranges, so each sale takes its units from the lots its range overlaps, and
# what no lot holds (a backlog sale below zero) from no lot; the stock rows were locked by
# the sale's context read, so the lots seen here are the latest.
INSERT_SALES = """
WITH stored AS (
    INSERT INTO sales (
        sale_id, terminal_id, shift_id, location, event_id, occurred_at, recorded_at,
        business_day, subtotal_satang, discount_satang, total_satang, change_given_satang,
        request_hash, receipt, receipt_no)
    SELECT * FROM unnest(
        $1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[],
        $7::timestamptz[], $8::date[], $9::bigint[], $10::bigint[], $11::bigint[],
        $12::bigint[], $13::text[], $14::jsonb[], $15::text[])
    ORDER BY 1
    ON CONFLICT DO NOTHING
    RETURNING sale_id, business_day
), lines AS (
    INSERT INTO sale_lines (
        sale_id, line_no, product_id, sku, producer_id, quantity, unit_price_satang,
        line_total_satang, discount_satang, net_satang)
    SELECT l.* FROM unnest(
        $16::uuid[], $17::int[], $18::uuid[], $19::text[], $20::uuid[], $21::int[],
        $22::bigint[], $23::bigint[], $24::bigint[], $25::bigint[]
    ) AS l(sale_id, line_no, product_id, sku, producer_id, quantity, unit_price, total,
           discount, net)
    WHERE l.sale_id IN (SELECT sale_id FROM stored)
    RETURNING sale_id, producer_id
), payments AS (
    INSERT INTO sale_payments (sale_id, payment_no, method, amount_satang)
    SELECT p.* FROM unnest($26::uuid[], $27::int[], $28::text[], $29::bigint[])
        AS p(sale_id, payment_no, method, amount)
    WHERE p.sale_id IN (SELECT sale_id FROM stored)
), due AS (
    INSERT INTO summary_due (producer_id, business_day)
    SELECT DISTINCT lines.producer_id, stored.business_day
    FROM lines JOIN stored USING (sale_id)
    ORDER BY 1, 2
    ON CONFLICT (producer_id, business_day) DO UPDATE SET producer_id = excluded.producer_id
), demand AS (
    SELECT d.sale_id, d.product_id, d.producer_id, d.occurred_at,
           sum(d.quantity) OVER w - d.quantity AS c, sum(d.quantity) OVER w AS e
    FROM unnest($30::uuid[], $31::int[], $32::uuid[], $33::uuid[], $34::int[],
                $35::timestamptz[]) AS d(sale_id, ord, product_id, producer_id, quantity,
                                         occurred_at)
    WHERE d.sale_id IN (SELECT sale_id FROM stored)
    WINDOW w AS (PARTITION BY d.product_id ORDER BY d.ord)
), supply AS (
    SELECT l.lot_id, l.product_id, sum(l.on_hand) OVER w - l.on_hand AS a,
           sum(l.on_hand) OVER w AS b
    FROM stock_lots AS l
    WHERE l.on_hand > 0 AND l.product_id IN (SELECT product_id FROM demand)
    WINDOW w AS (PARTITION BY l.product_id
                 ORDER BY l.best_before NULLS LAST, l.received_at, l.lot_id)
), taken AS (
    SELECT d.sale_id, d.product_id, d.producer_id, s.lot_id, d.occurred_at,
           least(s.b, d.e) - greatest(s.a, d.c) AS quantity
    FROM demand AS d JOIN supply AS s
        ON s.product_id = d.product_id AND s.a < d.e AND s.b > d.c
    UNION ALL
    SELECT d.sale_id, d.product_id, d.producer_id, NULL, d.occurred_at,
           d.e - greatest(d.c, coalesce(t.total, 0))
    FROM demand AS d
    LEFT JOIN (SELECT product_id, max(b) AS total FROM supply GROUP BY product_id) AS t
        USING (product_id)
    WHERE d.e > coalesce(t.total, 0)
), moved AS (
    INSERT INTO stock_movements (
        product_id, producer_id, lot_id, kind, quantity, sale_id, occurred_at)
    SELECT product_id, producer_id, lot_id, 'sale', -quantity, sale_id, occurred_at
    FROM taken
), lots_taken AS (
    UPDATE stock_lots AS l SET on_hand = l.on_hand - t.quantity
    FROM (SELECT lot_id, sum(quantity) AS quantity FROM taken
          WHERE lot_id IS NOT NULL GROUP BY lot_id) AS t
    WHERE l.lot_id = t.lot_id
), shelves AS (
    INSERT INTO stock_on_hand (product_id, producer_id, on_hand, needs_count, low_alerted)
    SELECT product_id, (array_agg(producer_id))[1], -sum(e - c),
           product_id = ANY($36::uuid[]), product_id = ANY($37::uuid[])
    FROM demand GROUP BY product_id ORDER BY product_id
    ON CONFLICT (product_id) DO UPDATE
    SET on_hand = stock_on_hand.on_hand + excluded.on_hand,
        needs_count = stock_on_hand.needs_count OR excluded.needs_count,
        low_alerted = stock_on_hand.low_alerted OR excluded.low_alerted,
        updated_at = now()
)
SELECT sale_id FROM stored
"""
