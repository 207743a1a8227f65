-- not_null: user_id
-- where: "browser_id like 'b%' -- only b"
-- sample: 2
-- target: browser_users (postgres)
WITH jig_target AS (
  SELECT * FROM (
select e.browser_id, u.user_id
from events e join users u using (user_id) -- pairs
) AS jig_query WHERE (browser_id like 'b%' -- only b
)
),
jig_failures AS (
  SELECT * FROM jig_target WHERE "user_id" IS NULL
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 2) AS jig_sample) AS sample
