-- not_null: 'Weird "Col"'
-- target: odd"schema.Tab (postgres)
WITH jig_target AS (
  SELECT * FROM "odd""schema"."Tab"
),
jig_failures AS (
  SELECT * FROM jig_target WHERE "Weird ""Col""" IS NULL
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
