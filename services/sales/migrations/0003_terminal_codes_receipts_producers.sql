-- The terminal app: each terminal has a short code that prefixes its receipt numbers, a sale
-- keeps the receipt number the terminal gave it (unique per terminal), the products read
-- model keeps what a till shows (names, category, unit), and producers' names come from
-- registry.members.v1 (names only: no contact data is kept here).

CREATE SEQUENCE terminal_codes;

ALTER TABLE terminals ADD COLUMN code text;
-- Terminals registered before codes existed get T001, T002… in the order registered.
UPDATE terminals t SET code = 'T' || lpad(n.no::text, 3, '0')
FROM (SELECT terminal_id, row_number() OVER (ORDER BY created_at, terminal_id) AS no
      FROM terminals) n
WHERE n.terminal_id = t.terminal_id;
SELECT setval('terminal_codes', greatest((SELECT count(*) FROM terminals), 1),
              (SELECT count(*) FROM terminals) > 0);
ALTER TABLE terminals
    ALTER COLUMN code SET DEFAULT ('T' || lpad(nextval('terminal_codes')::text, 3, '0')),
    ALTER COLUMN code SET NOT NULL,
    ADD CONSTRAINT terminals_code_unique UNIQUE (code),
    ADD CONSTRAINT terminals_code_form CHECK (code ~ '^[A-Z0-9]{2,8}$');

ALTER TABLE sales ADD COLUMN receipt_no text CHECK (receipt_no ~ '^[A-Z0-9]{2,8}-[0-9]{6}$');
CREATE UNIQUE INDEX sales_receipt_no_per_terminal
    ON sales (terminal_id, receipt_no) WHERE receipt_no IS NOT NULL;

ALTER TABLE catalogue_products
    ADD COLUMN name_th   text,
    ADD COLUMN name_en   text,
    ADD COLUMN category  text,
    ADD COLUMN unit      text;

-- Read model of registry.members.v1: the producer's name on a till and a receipt.
CREATE TABLE producers (
    member_id   uuid PRIMARY KEY,
    name_th     text,
    name_en     text,
    version     integer NOT NULL CHECK (version >= 1),
    -- Set once the registry erased the member's personal data: no older snapshot brings
    -- the names back.
    erased_at   timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
