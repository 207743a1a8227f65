// Package rows builds rows for tests: a factory fills every column of a
// described table with a default the database accepts, so a fixture states
// only the columns it cares about; and a parser turns what a person types into
// a value of the column's type.
package rows
