-- The shredded table of iglu:com.google.analytics.measurement-protocol/product_impression_custom_metric/jsonschema/1-0-0,
-- named as igluctl names it, with its header columns and the columns of
-- the schema itself (written for jig from the table's published shape).

CREATE SCHEMA IF NOT EXISTS atomic;

CREATE TABLE IF NOT EXISTS atomic.com_google_analytics_measurement_protocol_product_impression_custom_metric_1 (
    "schema_vendor"       VARCHAR(128)  ENCODE RUNLENGTH NOT NULL,
    "schema_name"         VARCHAR(128)  ENCODE RUNLENGTH NOT NULL,
    "schema_format"       VARCHAR(128)  ENCODE RUNLENGTH NOT NULL,
    "schema_version"      VARCHAR(128)  ENCODE RUNLENGTH NOT NULL,
    "root_id"             CHAR(36)      ENCODE RAW       NOT NULL,
    "root_tstamp"         TIMESTAMP     ENCODE LZO       NOT NULL,
    "ref_root"            VARCHAR(255)  ENCODE RUNLENGTH NOT NULL,
    "ref_tree"            VARCHAR(1500) ENCODE RUNLENGTH NOT NULL,
    "ref_parent"          VARCHAR(255)  ENCODE RUNLENGTH NOT NULL,
    "custom_metric_index" SMALLINT      ENCODE LZO,
    "list_index"          SMALLINT      ENCODE LZO,
    "product_index"       SMALLINT      ENCODE LZO,
    "value"               BIGINT        ENCODE LZO,
    FOREIGN KEY (root_id) REFERENCES atomic.events(event_id)
)
DISTSTYLE KEY
DISTKEY (root_id)
SORTKEY (root_tstamp);

COMMENT ON TABLE atomic.com_google_analytics_measurement_protocol_product_impression_custom_metric_1 IS 'iglu:com.google.analytics.measurement-protocol/product_impression_custom_metric/jsonschema/1-0-0';
