-- A product's description: its story in plain text, in Thai and (optionally) English.
-- NULL when the product has none.
ALTER TABLE products
    ADD COLUMN description_th text CHECK (char_length(description_th) BETWEEN 1 AND 4000),
    ADD COLUMN description_en text CHECK (char_length(description_en) BETWEEN 1 AND 4000);
