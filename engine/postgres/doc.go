// Package postgres owns reaching a Postgres server: the embedded one
// (binaries resolved from a folder, the cache, Maven, npm or a local install;
// a template cluster initialised once per version and copied per workspace;
// the postmaster started as an unprivileged account on loopback, stopped and
// swept when a jig dies) or an existing one named by a DSN, where jig works
// in a private schema it creates and drops.
//
//	srv, err := postgres.Start(ctx, postgres.WorkspaceOptions(ws))
//	...
//	defer srv.Stop()
//	conn, err := srv.Connect(ctx)                       // jig's own set-up
//	wconn, err := srv.ConnectWorkspace(ctx, "jig_w1")   // workspace SQL
//
// Workspace SQL never runs as the superuser or the DSN's user: the server
// has a workspace role (sandbox.go), jig_workspace on the embedded cluster
// or one made per --dsn run and dropped at Stop, that owns only the schemas
// ConnectWorkspace makes for it.
//
// ConnectDSN opens a single connection that creates nothing, for work that
// must stay read-only (jig check, jig pull). Errors never quote a password
// (RedactSecrets), not even when the DSN does not parse (dsn.go). Nothing here knows about fixtures or checks.
package postgres
