package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// Workspace SQL on the embedded server runs as a role that is not a
// superuser: a schema file (or setup) cannot run programs as the server's
// account, read or list the server's files (another cache's log), import
// files as large objects, create extensions or change the server's
// configuration. Each fails with the server's own permission error, at
// the schema file.
func TestLocalSandbox(t *testing.T) {
	srv := enginetest.Server(t)
	if srv.Schema() != "public" {
		t.Skip("JIG_TEST_DSN: the embedded server's sandbox is not under test")
	}
	held := enginetest.Conn(t) // a superuser's session, for pg_terminate_backend to aim at
	for _, tc := range []struct{ name, sql, want string }{
		{"copy from program", "COPY t FROM PROGRAM 'id'", "permission denied to COPY to or from an external program"},
		{"pg_read_file", "SELECT pg_read_file('" + srv.LogPath() + "')", "permission denied for function pg_read_file"},
		{"pg_ls_dir", "SELECT pg_ls_dir('.')", "permission denied for function pg_ls_dir"},
		{"lo_import", "SELECT lo_import('/etc/hostname')", "permission denied for function lo_import"},
		{"create extension", "CREATE EXTENSION pgcrypto", "permission denied"},
		{"alter system", "ALTER SYSTEM SET work_mem = '1GB'", "permission denied to set parameter"},
		{"set role back", "RESET ROLE; SET ROLE jig; COPY t FROM PROGRAM 'id'", "permission denied to set role"},
		{"create role", "CREATE ROLE evil SUPERUSER", "permission denied to create role"},
		{"other schema", "CREATE TABLE pg_catalog.evil (id int)", "permission denied"},
		{"copy from file", "COPY t FROM '/etc/hostname'", "permission denied to COPY from a file"},
		// A CREATE SCHEMA jig reads is a declared schema, which jig makes per
		// worker; one hidden from the scanner runs as the role, and fails.
		{"create schema", "DO $$ BEGIN EXECUTE 'CREATE SCHEMA evil'; END $$", "permission denied for database"},
		{"create database", "CREATE DATABASE evil", "permission denied to create database"},
		{"terminate others", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname IS NOT NULL", "permission denied to terminate process"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "schema"), 0o755)
			os.WriteFile(filepath.Join(dir, "schema", "a.sql"), []byte("CREATE TABLE t (id text);\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "schema", "b.sql"), []byte(tc.sql+";\n"), 0o644)
			ws, err := workspace.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			r, err := engine.NewRunner(context.Background(), srv, ws, engine.RunnerOptions{Parallel: 1})
			if err == nil {
				r.Close()
				t.Fatalf("%s ran in a schema file", tc.sql)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "schema/b.sql") {
				t.Errorf("error %q, want %q at schema/b.sql", err, tc.want)
			}
		})
	}
	if err := held.Ping(context.Background()); err != nil {
		t.Errorf("a schema file killed another session: %v", err)
	}
	if role := srv.WorkspaceRole(); role == srv.ConnConfig().User {
		t.Errorf("workspace SQL runs as %s, the superuser", role)
	}
}
