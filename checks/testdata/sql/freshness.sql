-- freshness: {column: event_ts, max_age: 24 hours}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT max("event_ts") AS newest FROM jig_target HAVING max("event_ts") IS NULL OR max("event_ts") < now() - interval '24 hours'
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
