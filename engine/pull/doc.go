// Package pull owns jig pull: reading table definitions from a live
// database (Postgres or Redshift) inside one READ ONLY transaction that is
// rolled back, and turning them into schema files — one per table, enums
// and foreign keys placed so the files apply in name order, each with a
// header saying where and when it was read and a columns line that the next
// pull diffs against.
//
//	res, err := pull.Run(ctx, conn, pull.Options{Schema: "public"})
//	files := pull.Plan(res, "schema")
//	err = pull.Write(files)
//
// It reads the catalog through engine.Describe and never writes to the
// server it reads.
package pull
