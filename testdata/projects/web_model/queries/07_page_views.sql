-- 07: one row per page view: its time span, engaged time (one 10 s
-- heartbeat per distinct page ping second) and how far it was scrolled.
DROP TABLE IF EXISTS scratch.page_views_this_run;

CREATE TABLE scratch.page_views_this_run
  DISTKEY (page_view_id)
  SORTKEY (start_tstamp)
AS (
  SELECT
    page_view_id,
    MAX(domain_sessionid) AS domain_sessionid,
    MAX(domain_userid)    AS domain_userid,
    MIN(derived_tstamp)   AS start_tstamp,
    MAX(derived_tstamp)   AS end_tstamp,
    MAX(DECODE(event_name, 'page_view', page_url))   AS page_url,
    MAX(DECODE(event_name, 'page_view', page_title)) AS page_title,
    10 * COUNT(DISTINCT CASE WHEN event_name = 'page_ping' THEN DATE_TRUNC('second', dvce_created_tstamp) END) AS engaged_time_in_s,
    NVL(ROUND(100 * LEAST(1.0, MAX(pp_yoffset_max)::FLOAT / NULLIF(MAX(doc_height), 0))), 0)::INT AS vertical_percentage_scrolled
  FROM scratch.events_this_run
  WHERE page_view_id IS NOT NULL
  GROUP BY page_view_id
);
