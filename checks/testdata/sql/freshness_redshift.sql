-- freshness: {column: event_ts, max_age: 7 days}
-- target: public.events (redshift)
WITH jig_target AS (
  SELECT * FROM "public"."events"
),
jig_failures AS (
  SELECT max("event_ts") AS newest FROM jig_target HAVING max("event_ts") IS NULL OR max("event_ts") < getdate() - interval '7 days'
)
SELECT count(*) AS failing, CAST(NULL AS VARCHAR) AS sample FROM jig_failures
