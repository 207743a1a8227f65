package engine_test

import (
	"context"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// TestRedshiftSchemaLoadsAndRights: a schema file as a Redshift pipeline
// ships it — COPY from S3, UNLOAD and GRANT between the tables, IDENTITY(0,
// 1), a bare IDENTITY and a procedure declaring VARCHAR(MAX) — applies on Postgres with a warning per skipped
// statement, and the identities count as Redshift's do.
func TestRedshiftSchemaLoadsAndRights(t *testing.T) {
	src := "CREATE TABLE events (event_id BIGINT IDENTITY(0, 1), page VARCHAR(MAX)) DISTKEY(event_id);\n" +
		"CREATE TABLE pages (page_id INT IDENTITY, url VARCHAR(256));\n" +
		"COPY events FROM 's3://snowplow/events/' IAM_ROLE 'arn:aws:iam::123:role/load' GZIP DELIMITER '\\t';\n" +
		"UNLOAD ('SELECT * FROM events') TO 's3://exports/events_' IAM_ROLE default;\n" +
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO GROUP analysts;\n" +
		"CREATE OR REPLACE PROCEDURE add_page(u VARCHAR(MAX)) AS $$\nDECLARE v VARCHAR(MAX) := u;\nBEGIN\n  INSERT INTO pages (url) VALUES (v);\nEND;\n$$ LANGUAGE plpgsql;\n"
	f, err := workspace.ParseSchema("schema/web.sql", src, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 3 {
		t.Errorf("warnings: %v, want 3 (COPY, UNLOAD, GRANT)", f.Warnings)
	}
	conn := enginetest.Conn(t)
	ctx := context.Background()
	if err := engine.ApplySchema(ctx, conn, []*workspace.SchemaFile{f}); err != nil {
		t.Fatal(err)
	}
	enginetest.Exec(t, conn, "INSERT INTO events (page) VALUES ('a'), ('b'); INSERT INTO pages (url) VALUES ('x'); CALL add_page('y')")
	var events, pages string
	if err := conn.QueryRow(ctx, "SELECT (SELECT string_agg(event_id::text, ',' ORDER BY event_id) FROM events), "+
		"(SELECT string_agg(page_id::text, ',' ORDER BY page_id) FROM pages)").Scan(&events, &pages); err != nil {
		t.Fatal(err)
	}
	if events != "0,1" || pages != "1,2" {
		t.Errorf("identities: events %s, pages %s; want 0,1 and 1,2", events, pages)
	}
}
