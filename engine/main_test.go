package engine_test

import (
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

func TestMain(m *testing.M) { enginetest.Main(m) }
