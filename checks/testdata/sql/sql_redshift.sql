-- sql: "select * from jig_target where a > b"
-- target: browser_users (redshift)
WITH jig_target AS (
  SELECT * FROM (
select e.browser_id, u.user_id
from events e join users u using (user_id) -- pairs
) AS jig_query
),
jig_failures AS (
  SELECT * FROM (
select * from jig_target where a > b
) AS q
)
SELECT count(*) AS failing, CAST(NULL AS VARCHAR) AS sample FROM jig_failures
