// Package explain owns jig explain: a query's plan on the local server
// (EXPLAIN, never executed) and advice for the warehouse computed from the
// plan, the query text and the Redshift design the schema files declare
// (DISTKEY, SORTKEY): SELECT * on wide tables, joins and range filters off
// the keys, DISTKEYs that may be NULL or hold few values.
//
//	e, err := explain.Run(ctx, runner, sql) // on one of the runner's connections
//	advice, err := explain.Advise(planJSON, sql, tables) // from a plan already read
//
// It reaches the server only through engine.Runner.WithConn.
package explain
