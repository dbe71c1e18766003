-- The district of the member's production site, from its snapshots: staff may change a
-- member's notification preferences only in their own area.
ALTER TABLE contacts ADD COLUMN district_code text;
