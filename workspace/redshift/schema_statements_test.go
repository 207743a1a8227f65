package redshift

import (
	"strings"
	"testing"
)

// TestSkippedStatements: COPY from S3, UNLOAD, GRANT and REVOKE in a schema
// file are blanked (lines kept) with one warning each at their first
// token, and are not errors; a COPY from STDIN or a server file is left
// to Postgres (which refuses a file to a workspace).
func TestSkippedStatements(t *testing.T) {
	src := "create table t (id int identity(0, 1), x int);\n" +
		"COPY t FROM 's3://bucket/t/' IAM_ROLE 'arn:aws:iam::1:role/r' FORMAT AS PARQUET;\n" +
		"  unload ('select * from t') to 's3://bucket/out/' iam_role default;\n" +
		"grant select on t to group analysts; revoke all on t from public;\n" +
		"copy t from stdin;\ncopy t from '/etc/hostname';\n"
	f, err := TranslateSchema("schema/t.sql", src, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(f.SQL, "\n") != strings.Count(src, "\n") {
		t.Fatalf("lines changed: %q", f.SQL)
	}
	for _, gone := range []string{"COPY t FROM", "s3://", "unload", "grant", "revoke"} {
		if strings.Contains(f.SQL, gone) {
			t.Errorf("%q left in the SQL:\n%s", gone, f.SQL)
		}
	}
	if !strings.Contains(f.SQL, "copy t from stdin") || !strings.Contains(f.SQL, "copy t from '/etc/hostname'") || !strings.Contains(f.SQL, "MINVALUE 0") {
		t.Errorf("COPY FROM STDIN or the table changed:\n%s", f.SQL)
	}
	want := []struct {
		line, col int
		msg       string
	}{
		{2, 1, "COPY from 's3://bucket/t/' is skipped"},
		{3, 3, "UNLOAD is skipped"},
		{4, 1, "GRANT is skipped"},
		{4, 38, "REVOKE is skipped"},
	}
	if len(f.Warnings) != len(want) {
		t.Fatalf("warnings %v, want %d", f.Warnings, len(want))
	}
	for i, w := range want {
		if g := f.Warnings[i]; g.File != "schema/t.sql" || g.Line != w.line || g.Col != w.col || !strings.Contains(g.Msg, w.msg) || g.Hint == "" {
			t.Errorf("warning %d = %v, want %d:%d %q with a hint", i, g, w.line, w.col, w.msg)
		}
	}
}

// TestMaxInProcedureBodies: VARCHAR(MAX) in a procedure's dollar-quoted
// body is blanked in schema files and in queries (scripts), as in tables;
// other strings, and CHAR(MAX), are left alone.
func TestMaxInProcedureBodies(t *testing.T) {
	src := "CREATE OR REPLACE PROCEDURE p(n int) AS $body$\nDECLARE v VARCHAR(MAX); w character varying(max); c CHAR(MAX);\n" +
		"BEGIN v := 'varchar(max)'; END $body$ LANGUAGE plpgsql;\nselect $$varchar(max)$$"
	want := "CREATE OR REPLACE PROCEDURE p(n int) AS $body$\nDECLARE v VARCHAR     ; w character varying     ; c CHAR(MAX);\n" +
		"BEGIN v := 'varchar(max)'; END $body$ LANGUAGE plpgsql;\nselect $$varchar(max)$$"
	f, err := TranslateSchema("schema/p.sql", src, true)
	if err != nil || f.SQL != want {
		t.Errorf("schema file: %v\n got: %s\nwant: %s", err, f.SQL, want)
	}
	q, err := RewriteQuery("queries/p.sql", src)
	if err != nil || q.SQL != want {
		t.Errorf("query: %v\n got: %s\nwant: %s", err, q.SQL, want)
	}
}
