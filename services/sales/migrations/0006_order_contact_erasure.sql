-- The customer's personal data on an online order (name, phone, e-mail, LINE id, postal
-- address, the note they wrote, the hash of their request) is emptied a set time after the
-- order ended, or after it was placed when it never ends; the amounts, the lines and the
-- sale stay for the tax records. `contact_erased_at` says when.
ALTER TABLE orders ADD COLUMN contact_erased_at timestamptz;
ALTER TABLE orders ALTER COLUMN customer_name DROP NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_check1;  -- a phone or an e-mail
ALTER TABLE orders DROP CONSTRAINT orders_check2;  -- an address exactly when posted
ALTER TABLE orders ADD CONSTRAINT orders_reachable
    CHECK (contact_erased_at IS NOT NULL
           OR (customer_name IS NOT NULL AND (phone IS NOT NULL OR email IS NOT NULL)));
ALTER TABLE orders ADD CONSTRAINT orders_addressed
    CHECK (contact_erased_at IS NOT NULL OR (fulfilment = 'post') = (address IS NOT NULL));
ALTER TABLE orders ADD CONSTRAINT orders_erased_empty
    CHECK (contact_erased_at IS NULL
           OR (customer_name IS NULL AND phone IS NULL AND email IS NULL AND line_id IS NULL
               AND address IS NULL AND note IS NULL));
-- The erasure job's scan: orders still holding personal data.
CREATE INDEX orders_contact_held_idx ON orders (placed_at) WHERE contact_erased_at IS NULL;
