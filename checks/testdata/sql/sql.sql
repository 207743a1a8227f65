-- sql: "select * from events where user_id = ''"
-- where: user_id is not null
-- target: public.events (postgres)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT * FROM (
select * from events where user_id = ''
) AS q WHERE (user_id is not null)
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
