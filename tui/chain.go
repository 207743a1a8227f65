package tui

import (
	"fmt"
	"slices"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// Chains: a query may read other queries (stg_orders → customers). The
// input pane's tabs are what the session's query reads itself, tables and
// queries, and, under each query it reads that is not mocked, what that
// query reads in turn (its tables feed the result through it). A query's
// tab mocks it: rows given there replace the query for this fixture,
// typed by its output columns, and its own inputs leave the tabs. Without
// rows it is the real query again.

// catalog is every table an input tab can show: the schema's tables, then
// the mock table of each query another query reads, under the query's
// name (its output columns), with the factory's name for it.
type catalog struct {
	tables []workspace.Table
	mocks  map[string]string // query name → its mock table's name (rows.Factory's)
}

// newCatalog reads the suite's tables and mock tables.
func newCatalog(s *engine.Suite) catalog {
	c := catalog{tables: slices.Clone(s.Tables), mocks: map[string]string{}}
	for _, q := range s.WS.Queries {
		mt := s.Mock(q.Name)
		if mt == nil {
			continue
		}
		t := *mt
		c.mocks[q.Name], t.Name, t.Schema = mt.Name, q.Name, ""
		c.tables = append(c.tables, t)
	}
	return c
}

// factoryName is the factory's name for an input table: the mock table
// of a query, else the table itself.
func (c catalog) factoryName(name string) string {
	if f, ok := c.mocks[name]; ok {
		return f
	}
	if t := findTable(c.tables, name); t != nil {
		return engine.FactoryName(t) // atomic.events
	}
	return name
}

// inputName is factoryName backwards: the tab that shows a factory table.
func (c catalog) inputName(factory string) string {
	for q, f := range c.mocks {
		if f == factory {
			return q
		}
	}
	for i := range c.tables {
		if engine.FactoryName(&c.tables[i]) == factory {
			return engine.UserName(&c.tables[i])
		}
	}
	return factory
}

// inputTab is one tab of the input pane.
type inputTab struct {
	name  string
	query bool   // an upstream query: rows given here mock it
	via   string // the query it is read through; "" when read by the session's query
}

// chainTabs are the session's input tabs: what its query reads itself
// (reads[query]), then, breadth first, what each query read and not
// mocked reads, then the session's other tables that have rows (or are
// current, picked in the sidebar). Without reads (not planned yet, or the
// plan failed) they are the session's tables.
func chainTabs(reads map[string][]engine.Input, s *Session, current string, isQuery func(string) bool) []inputTab {
	var out []inputTab
	seen := map[string]bool{}
	if _, ok := reads[s.Query]; ok {
		type item struct{ query, via string }
		queue := []item{{s.Query, ""}}
		for len(queue) > 0 {
			it := queue[0]
			queue = queue[1:]
			for _, in := range reads[it.query] {
				if seen[in.Name] {
					continue
				}
				seen[in.Name] = true
				out = append(out, inputTab{name: in.Name, query: in.Query, via: it.via})
				if in.Query && s.RowCount(in.Name) == 0 {
					queue = append(queue, item{in.Name, in.Name})
				}
			}
		}
	}
	for _, t := range s.Tables {
		if !seen[t.Name] && (len(t.Rows) > 0 || t.Name == current || reads[s.Query] == nil) {
			seen[t.Name] = true
			out = append(out, inputTab{name: t.Name, query: isQuery(t.Name)})
		}
	}
	return out
}

// mocked reports whether the tab's query is mocked (has rows).
func (t inputTab) mocked(s *Session) bool { return t.query && s.RowCount(t.name) > 0 }

// label is the tab's text: a table's name and row count; a query's name
// after ◇ (it runs as written) or ◆ and its rows (mocked).
func (t inputTab) label(s *Session) string {
	switch {
	case !t.query:
		return fmt.Sprintf(" %s %d ", t.name, s.RowCount(t.name))
	case t.mocked(s):
		return fmt.Sprintf(" ◆%s %d ", t.name, s.RowCount(t.name))
	}
	return fmt.Sprintf(" ◇%s ", t.name)
}

// chainNote is the pane's text for a query that is not mocked: what it
// reads and how to mock it.
func chainNote(t inputTab, reads []engine.Input) string {
	var names []string
	for _, in := range reads {
		names = append(names, in.Name)
	}
	from := "its own inputs"
	if len(names) > 0 {
		from = joinNames(names)
	}
	return fmt.Sprintf("query %s runs as written, on %s. m mocks it: rows you give replace the query; O opens it.", t.name, from)
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += n
	}
	return s
}

// markChain marks the queries the selected one reads (↑, upstream) and
// those that read it (↓, downstream).
func (s *sidebarPane) markChain() {
	s.chain = map[string]string{}
	for _, q := range s.ws.Inputs(s.query) {
		s.chain[q] = "↑ "
	}
	for _, q := range s.ws.Feeds(s.query) {
		s.chain[q] = "↓ "
	}
}
