-- 04: the events of those sessions, numbered per event_id so duplicates
-- (the same event sent twice) can be told apart.
DROP TABLE IF EXISTS scratch.events_this_run;

CREATE TABLE scratch.events_this_run
  DISTKEY (event_id)
  SORTKEY (collector_tstamp)
AS (
  SELECT
    e.*,
    ROW_NUMBER() OVER (PARTITION BY e.event_id ORDER BY e.dvce_created_tstamp, e.collector_tstamp) AS event_id_dedupe_index
  FROM atomic.events AS e
  JOIN scratch.sessions_to_process AS s
    ON e.domain_sessionid = s.domain_sessionid
  WHERE e.collector_tstamp >= s.start_tstamp
    AND e.collector_tstamp <= s.end_tstamp
);
