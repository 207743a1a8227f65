-- 10: remember the events this run processed.
INSERT INTO derived.event_manifest (
  SELECT event_id, collector_tstamp FROM scratch.events_this_run
);
