-- Every product approved for the shop has its stock row (at zero until a delivery), so a
-- till's sale always finds a row to hold and a first delivery of the product and a sale of
-- it take turns over its lots. Approvals make the row from now on; this makes the ones
-- approved before.
INSERT INTO stock_on_hand (product_id, producer_id)
SELECT product_id, producer_id FROM assortment WHERE state = 'approved'
ORDER BY product_id
ON CONFLICT (product_id) DO NOTHING;
