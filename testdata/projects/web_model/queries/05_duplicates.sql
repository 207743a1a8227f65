-- 05: record the duplicated event ids and keep only the first copy of each.
BEGIN;

  DROP TABLE IF EXISTS scratch.duplicates_this_run;

  CREATE TABLE scratch.duplicates_this_run
    DISTKEY (event_id)
  AS (
    SELECT event_id, COUNT(*) AS num_rows
    FROM scratch.events_this_run
    GROUP BY 1
    HAVING COUNT(*) > 1
  );

  DELETE FROM scratch.events_this_run
  WHERE event_id_dedupe_index > 1;

END;
