package engine

import "github.com/jig-sql/jig/workspace"

// SetBeforeFixture installs a hook run before each fixture (nil removes it),
// so the external tests can make a fixture panic.
func SetBeforeFixture(f func(*workspace.Fixture)) { beforeFixture = f }
