-- atomic.events as Snowplow's Redshift DDL creates it (a few of its
-- columns; the real table has about 130). Every shredded table's root_id
-- references its event_id.
CREATE SCHEMA IF NOT EXISTS atomic;

CREATE TABLE IF NOT EXISTS atomic.events (
    app_id           VARCHAR(255)  ENCODE ZSTD,
    platform         VARCHAR(255)  ENCODE ZSTD,
    collector_tstamp TIMESTAMP     NOT NULL ENCODE RAW,
    event            VARCHAR(128)  ENCODE ZSTD,
    event_id         CHAR(36)      NOT NULL UNIQUE ENCODE ZSTD,
    domain_userid    VARCHAR(128)  ENCODE ZSTD,
    page_url         VARCHAR(4096) ENCODE ZSTD
)
DISTSTYLE KEY
DISTKEY (event_id)
SORTKEY (collector_tstamp);
