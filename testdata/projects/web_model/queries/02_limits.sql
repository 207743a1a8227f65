-- 02: the window of this run: six hours before the newest event already
-- processed (the manifest), up to a week after it. A first run starts at
-- the model's start date.
DROP TABLE IF EXISTS scratch.run_limits;

CREATE TABLE scratch.run_limits
  DISTSTYLE ALL
AS (
  SELECT
    NVL(DATEADD(HOUR, -6, MAX(collector_tstamp)), '2024-01-01'::TIMESTAMP) AS lower_limit,
    DATEADD(DAY, 7, NVL(MAX(collector_tstamp), '2024-01-01'::TIMESTAMP))   AS upper_limit
  FROM derived.event_manifest
);
