-- The web_page context: one row per event, its id is the page view's id.
CREATE TABLE atomic.com_snowplowanalytics_snowplow_web_page_1 (
  schema_vendor  VARCHAR(128) ENCODE ZSTD NOT NULL,
  schema_name    VARCHAR(128) ENCODE ZSTD NOT NULL,
  schema_format  VARCHAR(128) ENCODE ZSTD NOT NULL,
  schema_version VARCHAR(128) ENCODE ZSTD NOT NULL,
  root_id        CHAR(36)     ENCODE RAW  NOT NULL,
  root_tstamp    TIMESTAMP    ENCODE ZSTD NOT NULL,
  ref_root       VARCHAR(255) ENCODE ZSTD NOT NULL,
  ref_tree       VARCHAR(1500) ENCODE ZSTD NOT NULL,
  ref_parent     VARCHAR(255) ENCODE ZSTD NOT NULL,
  id             CHAR(36)     ENCODE ZSTD NOT NULL
)
DISTSTYLE KEY
DISTKEY (root_id)
SORTKEY (root_tstamp);
