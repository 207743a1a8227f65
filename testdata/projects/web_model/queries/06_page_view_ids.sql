-- 06: attach each event's page view id (the web_page context's id), then
-- swap the new table in under the old name.
DROP TABLE IF EXISTS scratch.events_with_page_view;

CREATE TABLE scratch.events_with_page_view
  DISTKEY (event_id)
  SORTKEY (collector_tstamp)
AS (
  SELECT ev.*, wp.id AS page_view_id
  FROM scratch.events_this_run AS ev
  LEFT JOIN atomic.com_snowplowanalytics_snowplow_web_page_1 AS wp
    ON wp.root_id = ev.event_id
   AND wp.root_tstamp = ev.collector_tstamp
);

BEGIN;
  DROP TABLE scratch.events_this_run;
  ALTER TABLE scratch.events_with_page_view RENAME TO events_this_run;
COMMIT;
