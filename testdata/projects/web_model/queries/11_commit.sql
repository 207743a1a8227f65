-- 11: replace the derived rows of the sessions and page views this run
-- rebuilt, in one transaction, then drop the scratch tables.
BEGIN;

  DELETE FROM derived.page_views
  WHERE page_view_id IN (SELECT page_view_id FROM scratch.page_views_this_run);

  INSERT INTO derived.page_views (
    SELECT page_view_id, domain_sessionid, domain_userid, start_tstamp, end_tstamp,
           page_url, page_title, engaged_time_in_s, vertical_percentage_scrolled, GETDATE()
    FROM scratch.page_views_this_run
  );

  DELETE FROM derived.sessions
  WHERE domain_sessionid IN (SELECT domain_sessionid FROM scratch.sessions_this_run);

  INSERT INTO derived.sessions (SELECT * FROM scratch.sessions_this_run);

COMMIT;

DROP TABLE scratch.sessions_firsts;
DROP TABLE scratch.sessions_aggs;
DROP TABLE scratch.duplicates_this_run;
DROP TABLE scratch.sessions_to_process;

VACUUM SORT ONLY derived.sessions;
ANALYZE derived.sessions;
GRANT SELECT ON derived.sessions, derived.page_views TO GROUP analysts;
