-- matches: {column: event_id, pattern: "^evnt_[a-z0-9']+$"}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT * FROM jig_target WHERE "event_id" !~ '^evnt_[a-z0-9'']+$'
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(f), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS f) AS sample
