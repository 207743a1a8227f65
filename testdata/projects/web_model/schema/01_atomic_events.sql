-- atomic.events as the Redshift loader creates it (the columns this model
-- reads; the real table has about 130).
CREATE TABLE atomic.events (
  app_id              VARCHAR(255)   ENCODE ZSTD,
  platform            VARCHAR(255)   ENCODE ZSTD,
  etl_tstamp          TIMESTAMP      ENCODE ZSTD,
  collector_tstamp    TIMESTAMP      NOT NULL ENCODE RAW,
  dvce_created_tstamp TIMESTAMP      ENCODE ZSTD,
  event               VARCHAR(128)   ENCODE ZSTD,
  event_id            CHAR(36)       NOT NULL ENCODE ZSTD,
  name_tracker        VARCHAR(128)   ENCODE ZSTD,
  v_tracker           VARCHAR(100)   ENCODE ZSTD,
  user_id             VARCHAR(255)   ENCODE ZSTD,
  domain_userid       VARCHAR(128)   ENCODE ZSTD,
  domain_sessionidx   INT            ENCODE ZSTD,
  domain_sessionid    VARCHAR(128)   ENCODE ZSTD,
  network_userid      VARCHAR(128)   ENCODE ZSTD,
  geo_country         CHAR(2)        ENCODE ZSTD,
  page_url            VARCHAR(4096)  ENCODE ZSTD,
  page_title          VARCHAR(2000)  ENCODE ZSTD,
  page_referrer       VARCHAR(4096)  ENCODE ZSTD,
  page_urlhost        VARCHAR(255)   ENCODE ZSTD,
  page_urlpath        VARCHAR(3000)  ENCODE ZSTD,
  refr_medium         VARCHAR(25)    ENCODE ZSTD,
  refr_source         VARCHAR(50)    ENCODE ZSTD,
  mkt_medium          VARCHAR(255)   ENCODE ZSTD,
  mkt_source          VARCHAR(255)   ENCODE ZSTD,
  mkt_campaign        VARCHAR(255)   ENCODE ZSTD,
  pp_yoffset_max      INT            ENCODE ZSTD,
  doc_height          INT            ENCODE ZSTD,
  useragent           VARCHAR(1000)  ENCODE ZSTD,
  br_lang             VARCHAR(255)   ENCODE ZSTD,
  derived_tstamp      TIMESTAMP      ENCODE ZSTD,
  event_name          VARCHAR(1000)  ENCODE ZSTD,
  etl_tags            VARCHAR(MAX)   ENCODE ZSTD
)
DISTSTYLE KEY
DISTKEY (event_id)
SORTKEY (collector_tstamp);
