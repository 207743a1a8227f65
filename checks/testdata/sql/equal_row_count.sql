-- equal_row_count: analytics.events_copy
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT a.row_count, b.row_count AS other_row_count FROM (SELECT count(*) AS row_count FROM jig_target) AS a CROSS JOIN (SELECT count(*) AS row_count FROM "analytics"."events_copy") AS b WHERE a.row_count <> b.row_count
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
