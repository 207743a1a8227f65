-- Orders, one row each. Amounts are in dollars; the discount is taken off
-- the gross price and tax is added on top. The foreign key to users is
-- added in users.sql, which runs after this file (schema files are applied
-- in name order).
CREATE TABLE orders (
    order_id       BIGINT         IDENTITY(1, 1),
    user_id        VARCHAR(64)    NOT NULL ENCODE zstd,
    gross_revenue  NUMERIC(12,2)  NOT NULL,
    discount       NUMERIC(12,2)  NOT NULL DEFAULT 0,
    tax            NUMERIC(12,2)  NOT NULL DEFAULT 0,
    status         VARCHAR(16)    NOT NULL DEFAULT 'paid' ENCODE bytedict,
    PRIMARY KEY (order_id)
)
DISTKEY (user_id)
COMPOUND SORTKEY (user_id, order_id);
