CREATE TABLE web.sessions (
  session_id  text PRIMARY KEY,
  account_id  integer NOT NULL REFERENCES crm.accounts (id),
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz
);
COMMENT ON SCHEMA web IS 'sessions as the web tracker writes them';
