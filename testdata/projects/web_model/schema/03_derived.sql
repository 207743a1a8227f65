-- What the model keeps between runs.
CREATE TABLE derived.event_manifest (
  event_id         CHAR(36)  ENCODE ZSTD NOT NULL,
  collector_tstamp TIMESTAMP ENCODE RAW  NOT NULL
)
DISTSTYLE KEY
DISTKEY (event_id)
SORTKEY (collector_tstamp);

CREATE TABLE derived.page_views (
  page_view_id                 CHAR(36)      ENCODE ZSTD NOT NULL,
  domain_sessionid             VARCHAR(128)  ENCODE ZSTD,
  domain_userid                VARCHAR(128)  ENCODE ZSTD,
  start_tstamp                 TIMESTAMP     ENCODE RAW,
  end_tstamp                   TIMESTAMP     ENCODE ZSTD,
  page_url                     VARCHAR(4096) ENCODE ZSTD,
  page_title                   VARCHAR(2000) ENCODE ZSTD,
  engaged_time_in_s            INT           ENCODE AZ64,
  vertical_percentage_scrolled INT           ENCODE AZ64,
  model_tstamp                 TIMESTAMP     ENCODE AZ64 DEFAULT GETDATE()
)
DISTSTYLE KEY
DISTKEY (page_view_id)
SORTKEY (start_tstamp);

CREATE TABLE derived.sessions (
  app_id              VARCHAR(255)  ENCODE ZSTD,
  domain_sessionid    VARCHAR(128)  ENCODE ZSTD NOT NULL,
  domain_userid       VARCHAR(128)  ENCODE ZSTD,
  user_id             VARCHAR(255)  ENCODE ZSTD,
  start_tstamp        TIMESTAMP     ENCODE RAW,
  end_tstamp          TIMESTAMP     ENCODE ZSTD,
  start_tstamp_local  TIMESTAMP     ENCODE ZSTD,
  page_views          INT           ENCODE AZ64,
  engaged_time_in_s   INT           ENCODE AZ64,
  session_duration_s  INT           ENCODE AZ64,
  first_page_url      VARCHAR(4096) ENCODE ZSTD,
  page_path           VARCHAR(MAX)  ENCODE ZSTD,
  mkt_source          VARCHAR(255)  ENCODE ZSTD,
  referrer            VARCHAR(255)  ENCODE ZSTD,
  is_engaged          BOOLEAN       ENCODE RAW,
  model_tstamp        TIMESTAMP     ENCODE AZ64
)
DISTSTYLE KEY
DISTKEY (domain_sessionid)
SORTKEY (start_tstamp);
