CREATE TABLE users (
    user_id  varchar(16) PRIMARY KEY,
    name     text NOT NULL,
    plan     text NOT NULL CHECK (plan IN ('free', 'pro')),
    balance  integer NOT NULL DEFAULT 0,
    prefs    jsonb,
    labels   text[],
    seen_at  timestamptz
);
