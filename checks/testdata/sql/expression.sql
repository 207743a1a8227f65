-- expression: "event_ts <= now() or a = 'x'"
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT * FROM jig_target WHERE NOT (event_ts <= now() or a = 'x')
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
