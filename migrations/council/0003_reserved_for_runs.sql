-- Placeholder for the runs branch's migration 0003 (migration numbers must be contiguous): delete this file when
-- that migration is merged.
SELECT 1;
