-- accepted_range: {column: ts, min: '2020-01-01', max: 1e3, exclusive: true, max_inclusive: true}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT * FROM jig_target WHERE "ts" <= '2020-01-01' OR "ts" > '1e3'
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
