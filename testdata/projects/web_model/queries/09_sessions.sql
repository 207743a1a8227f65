-- 09: the session rows: aggregates, plus who and where from, taken from the
-- session's first page view event.
DROP TABLE IF EXISTS scratch.sessions_firsts;

CREATE TABLE scratch.sessions_firsts
  DISTKEY (domain_sessionid)
AS (
  SELECT domain_sessionid, app_id, domain_userid, user_id, page_url, mkt_source, refr_source
  FROM (
    SELECT
      ev.*,
      ROW_NUMBER() OVER (PARTITION BY ev.domain_sessionid ORDER BY ev.derived_tstamp, ev.event_id) AS n
    FROM scratch.events_this_run AS ev
    WHERE ev.event_name = 'page_view'
  ) AS firsts
  WHERE n = 1
);

CREATE TABLE scratch.sessions_this_run
  DISTKEY (domain_sessionid)
  SORTKEY (start_tstamp)
AS (
  SELECT
    f.app_id,
    a.domain_sessionid,
    f.domain_userid,
    f.user_id,
    a.start_tstamp,
    a.end_tstamp,
    CONVERT_TIMEZONE('UTC', 'America/New_York', a.start_tstamp) AS start_tstamp_local,
    a.page_views,
    a.engaged_time_in_s,
    a.session_duration_s,
    f.page_url AS first_page_url,
    a.page_path,
    f.mkt_source,
    NVL2(f.refr_source, f.refr_source, 'direct') AS referrer,
    CASE WHEN a.page_views > 1 OR a.engaged_time_in_s >= 30 THEN TRUE ELSE FALSE END AS is_engaged,
    m.run_id AS model_tstamp
  FROM scratch.sessions_aggs AS a
  JOIN scratch.sessions_firsts AS f ON f.domain_sessionid = a.domain_sessionid
  CROSS JOIN scratch.run_metadata AS m
);
