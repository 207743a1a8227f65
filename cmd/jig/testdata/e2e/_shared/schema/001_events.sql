-- Redshift DDL, as copied from production.
CREATE TABLE events (
    event_id    VARCHAR(16) NOT NULL ENCODE zstd,
    event_ts    TIMESTAMP NOT NULL,
    user_id     VARCHAR(16),
    browser_id  VARCHAR(16) NOT NULL,
    amount      NUMERIC(10, 2),
    score       DOUBLE PRECISION,
    tags        VARCHAR(MAX),
    PRIMARY KEY (event_id)
)
DISTKEY (user_id)
SORTKEY (event_ts);
