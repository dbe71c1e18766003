-- The product's description as the registry's snapshots carry it: `description` (0004)
-- holds the Thai text, `description_en` the English one where the producer gave it.
ALTER TABLE catalogue_products ADD COLUMN description_en text;
