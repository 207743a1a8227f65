-- relationships: {column: user_id, to: browser_users}
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_ref_1 AS (
select e.browser_id, u.user_id
from events e join users u using (user_id) -- pairs
),
jig_failures AS (
  SELECT t.* FROM jig_target AS t WHERE t."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jig_ref_1 AS p WHERE p."user_id" = t."user_id")
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
