-- unique: [user_id, browser_id]
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT "user_id", "browser_id", count(*) AS occurrences FROM jig_target WHERE "user_id" IS NOT NULL AND "browser_id" IS NOT NULL GROUP BY "user_id", "browser_id" HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
