-- Signed-up users. Distributed on user_id like events, so joins between
-- the two stay on one node.
CREATE TABLE users (
    user_id     VARCHAR(64)   NOT NULL ENCODE zstd,
    name        VARCHAR(128)  NOT NULL ENCODE zstd,
    plan        VARCHAR(16)   NOT NULL DEFAULT 'free' ENCODE bytedict,
    created_at  TIMESTAMP     NOT NULL DEFAULT SYSDATE ENCODE az64,
    PRIMARY KEY (user_id)
)
DISTKEY (user_id)
SORTKEY (created_at);

-- Every order belongs to a user. (Redshift records foreign keys without
-- enforcing them; the local Postgres enforces them.)
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (user_id);
