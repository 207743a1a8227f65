-- The raw tables, in the schemas the loaders write them to.
CREATE SCHEMA jaffle;
CREATE TABLE jaffle.raw_orders (
    id           integer PRIMARY KEY,
    customer_id  integer NOT NULL,
    ordered_at   timestamp NOT NULL,
    status       text NOT NULL,
    amount_cents integer NOT NULL
);

CREATE SCHEMA stripe_raw;
CREATE TABLE stripe_raw.charges (
    id           text PRIMARY KEY,
    order_id     integer NOT NULL REFERENCES jaffle.raw_orders (id),
    amount_cents integer NOT NULL,
    paid         boolean NOT NULL
);
