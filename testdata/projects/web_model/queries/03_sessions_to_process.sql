-- 03: every session with an event in the window, with its first and last
-- event; sessions reach back 365 days before the window.
DROP TABLE IF EXISTS scratch.sessions_to_process;

CREATE TABLE scratch.sessions_to_process
  DISTKEY (domain_sessionid)
  SORTKEY (start_tstamp)
AS (
  SELECT
    e.domain_sessionid,
    MIN(e.collector_tstamp) AS start_tstamp,
    MAX(e.collector_tstamp) AS end_tstamp
  FROM atomic.events AS e, scratch.run_limits AS l
  WHERE e.collector_tstamp >= DATEADD(DAY, -365, l.lower_limit)
    AND e.collector_tstamp < l.upper_limit
    AND e.domain_sessionid IS NOT NULL
    AND e.platform = 'web'
  GROUP BY 1
  HAVING MAX(e.collector_tstamp) >= (SELECT lower_limit FROM scratch.run_limits)
);
