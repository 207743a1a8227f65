-- Declared because zip codes read as integers: inferred, 02134 would lose its 0.
-- The other seeds have no schema/ file: their types are inferred from the CSV.
CREATE TABLE raw_customers (
    id         integer PRIMARY KEY,
    first_name text NOT NULL,
    last_name  text NOT NULL,
    zip        text
);
