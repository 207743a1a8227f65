-- One row per event seen on the site, as created in Redshift.
-- Most joins are on user_id, so it is the distribution key; most filters
-- are date ranges, so event_ts is the sort key.
CREATE TABLE events (
    event_id     VARCHAR      NOT NULL ENCODE zstd,
    event_ts     TIMESTAMP    NOT NULL DEFAULT GETDATE() ENCODE az64,
    user_id      VARCHAR               ENCODE zstd,
    browser_id   VARCHAR      NOT NULL ENCODE zstd,
    browser      VARCHAR(32)           ENCODE bytedict,
    duration_ms  INTEGER               ENCODE az64,
    PRIMARY KEY (event_id)
)
DISTKEY (user_id)
SORTKEY (event_ts);
