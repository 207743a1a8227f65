-- Tables the corpus queries read, as copied from a Redshift cluster.
CREATE TABLE events (
    event_id    VARCHAR(32)  NOT NULL ENCODE zstd,
    user_id     VARCHAR(32)           ENCODE zstd,
    session_id  VARCHAR(32),
    event_type  VARCHAR(32)  NOT NULL,
    page        VARCHAR(256),
    event_ts    TIMESTAMP    NOT NULL ENCODE az64,
    properties  VARCHAR(MAX),
    PRIMARY KEY (event_id)
) DISTKEY (user_id) COMPOUND SORTKEY (event_ts);

CREATE TABLE orders (
    order_id    BIGINT        IDENTITY(1, 1),
    user_id     VARCHAR(32)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    amount      DECIMAL(12,2) NOT NULL,
    discount    DECIMAL(12,2),
    country     CHAR(2),
    ordered_at  TIMESTAMP     NOT NULL,
    shipped_at  TIMESTAMP,
    PRIMARY KEY (order_id)
) DISTKEY (user_id) SORTKEY (ordered_at);

CREATE TABLE users (
    user_id     VARCHAR(32)  NOT NULL,
    email       VARCHAR(256),
    country     CHAR(2),
    plan        VARCHAR(16),
    referrer    VARCHAR(64),
    signup_date DATE,
    PRIMARY KEY (user_id)
) DISTSTYLE ALL;

CREATE TABLE products (
    sku         VARCHAR(16)   NOT NULL,
    category    VARCHAR(32),
    name        NVARCHAR(128),
    price       DECIMAL(10,2),
    attrs       VARCHAR(MAX),
    hex_code    VARCHAR(16),
    PRIMARY KEY (sku)
) DISTSTYLE ALL BACKUP NO;
