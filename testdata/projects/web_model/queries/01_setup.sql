-- 01: one row naming this run, and the scratch tables the run fills.
CREATE TABLE IF NOT EXISTS scratch.run_metadata (
  run_id           TIMESTAMP    ENCODE AZ64,
  model_version    VARCHAR(64)  ENCODE ZSTD,
  run_start_tstamp TIMESTAMP    ENCODE AZ64
)
DISTSTYLE ALL;

TRUNCATE scratch.run_metadata;

INSERT INTO scratch.run_metadata (
  SELECT GETDATE(), '1.0.0', GETDATE()
);

DROP TABLE IF EXISTS scratch.sessions_this_run;
DROP TABLE IF EXISTS scratch.page_views_this_run;
