-- accepted_values: {column: browser, values: [chrome, "o'reilly", 1]}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT * FROM jig_target WHERE "browser" NOT IN ('chrome', 'o''reilly', '1')
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
