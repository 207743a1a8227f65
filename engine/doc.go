// Package engine runs a workspace against Postgres: fixtures, live runs of a
// query on real data, self-tests of checks, and promote.
//
// # Lifecycle
//
// A server comes first, from package postgres; a Runner then prepares the
// workspace on it; fixtures and the rest run on the runner's connections;
// Close gives everything back:
//
//	srv, err := postgres.Start(ctx, postgres.WorkspaceOptions(ws))
//	if err != nil {
//		return err // a *postgres.StartError, saying which step failed and why
//	}
//	defer srv.Stop()
//	r, err := engine.NewRunner(ctx, srv, ws, engine.RunnerOptions{})
//	if err != nil {
//		return err // schema errors are *SQLError at file:line:column
//	}
//	defer r.Close()
//	r.Run(ctx, ws.Fixtures, func(res *engine.FixtureResult) { ... })
//	live, err := r.RunLive(ctx, fixture, 100) // the query on the table's own rows
//	results := r.SelfTest(ctx, checks)       // each check shown able to fail
//
// NewRunner opens up to RunnerOptions.Parallel connections, each with a
// private schema holding the workspace's tables, loaded with its seeds by
// COPY (LoadSeeds), in a Redshift workspace jig's Redshift compatibility
// functions, and then each SELECT query as a view of its name, in
// dependency order, so queries read queries (chain.go). A fixture that
// gives rows for a query (a mock) reads them from the query's mock table,
// with the queries between it and the fixture's query written into the
// statement as CTEs (chain_sql.go). A fixture runs in one
// transaction that is rolled back, so fixtures never see each other's rows;
// Compare and FormatDiff judge its result against the fixture's expect.
//
// # Schemas
//
// The schemas a workspace declares (CREATE SCHEMA atomic) get a private
// copy per connection too, and every SQL text sent on a connection goes
// through its sqlmap.Mapper (names.go): atomic.events is sent as the
// copy's, positions and names in Postgres's errors come back as written.
// Suite.Tables name them as users do (Schema "atomic"); Suite.Table finds
// events, public.events, atomic.events and "Atomic"."Events". SQL sent on
// a connection from outside the engine goes through Session.Map
// (WithSession).
//
// # Embedded or --dsn
//
// By default postgres.Start runs jig's own embedded server. With --dsn
// (Options.DSN) it connects to an existing server instead and creates a
// private schema there (jig_<random>); the runner's schemas live beside it
// and everything is dropped on Stop and Close, so nothing jig made is left
// behind. jig check with a DSN does not start a runner at all (without one
// it runs on a runner's connection, over the seeds): it opens one connection
// with postgres.ConnectDSN and runs each check through ReadOnlyQuerier, in a
// READ ONLY transaction with a statement timeout, so a check cannot change
// data. Promote is the one command that writes, in a single transaction.
//
// # Lower pieces
//
// Query, Exec, Describe and ApplySchema are the plain operations on a
// *pgx.Conn that the runner and packages pull and explain share; database
// errors come back as *SQLError pointing at the user's file:line:column.
// Nothing here knows a terminal exists.
package engine
