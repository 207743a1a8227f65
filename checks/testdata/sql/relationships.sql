-- relationships: {column: user_id, to: users, field: id}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT t.* FROM jig_target AS t WHERE t."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" AS p WHERE p."id" = t."user_id")
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
