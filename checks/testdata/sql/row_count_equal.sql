-- row_count: {equal: 3}
-- target: browser_users (postgres)
WITH jig_target AS (
  SELECT * FROM (
select e.browser_id, u.user_id
from events e join users u using (user_id) -- pairs
) AS jig_query
),
jig_failures AS (
  SELECT count(*) AS row_count FROM jig_target HAVING count(*) <> 3
)
SELECT (SELECT count(*) FROM jig_failures) AS failing,
  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM jig_failures LIMIT 5) AS jig_sample) AS sample
