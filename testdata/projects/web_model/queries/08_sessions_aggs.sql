-- 08: per session, the page views it had and the pages in order.
DROP TABLE IF EXISTS scratch.sessions_aggs;

CREATE TABLE scratch.sessions_aggs
  DISTKEY (domain_sessionid)
  SORTKEY (start_tstamp)
AS (
  SELECT
    domain_sessionid,
    MIN(start_tstamp)      AS start_tstamp,
    MAX(end_tstamp)        AS end_tstamp,
    COUNT(*)               AS page_views,
    SUM(engaged_time_in_s) AS engaged_time_in_s,
    DATEDIFF(SECOND, MIN(start_tstamp), MAX(end_tstamp)) AS session_duration_s,
    LISTAGG(NVL(page_title, '(untitled)'), ' > ') WITHIN GROUP (ORDER BY start_tstamp) AS page_path
  FROM scratch.page_views_this_run
  GROUP BY 1
);
