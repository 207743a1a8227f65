package engine

// A dbt project opens as a workspace wherever the engine runs: the package
// registers its layout with workspace.Load.
import _ "github.com/jig-sql/jig/workspace/dbt"
