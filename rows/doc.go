// Package rows builds rows for tests: a factory fills every column of a
// described table with a default the database accepts, so a fixture states
// only the columns it cares about; and a parser turns what a person types into
// a value of the column's type. It never talks to Postgres: it produces
// Values and SQL text (InsertSQL) that engine executes.
//
// Defaults are a pure function of (seed, table, column, row position, and
// an attempt number that only moves when a key collides or a CHECK fails),
// hashed with FNV-1a into a splitmix64 stream. Identifiers follow IDPrefix
// (event_id → evnt_x7F2); integer keys, identity and serial columns count
// 1, 2, 3… by row (skipping values overrides hold); uuids are
// version-4-shaped. Other columns get a value by type and name hint
// (email, name, country, status, amount, price, *_at, birth_date, is_*…)
// within the column's length, precision, enum labels, domain and simple
// CHECK constraints. Foreign keys point at a parent row, created from the
// parent's own factory when the fixture has none.
//
// Policy: identity and serial columns get values (so children can point at
// them; INSERT adds OVERRIDING SYSTEM VALUE and moves the sequence on);
// columns with a DEFAULT expression are filled too unless WithLeaveDefaults;
// generated columns are always left to the database. A column of a type the
// factory does not know is NULL when nullable, else an error asking for an
// override.
package rows
