package workspace

import (
	"slices"
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// LinkQueries finds which queries each query reads (Query.Reads), orders
// them so a query comes after every query it reads (Workspace.Ordered),
// and reports a cycle at the reference that closes it and a name that is
// both a table (schema/ or seeds/) and a query at both places. Load calls
// it; call it again after adding a query to Queries.
func (w *Workspace) LinkQueries() error {
	l := &loader{}
	names, byFolded := map[string]bool{}, map[string]string{}
	for _, q := range w.Queries {
		names[strings.ToLower(q.Name)] = true
		byFolded[strings.ToLower(q.Name)] = q.Name
	}
	for name := range l.checkClashes(w) {
		delete(names, name) // reads the table: not a cycle on top of the clash
	}
	for _, q := range w.Queries {
		q.Reads = ScanQueryRefs(q.SQL, names)
		for i := range q.Reads {
			q.Reads[i].Name = byFolded[q.Reads[i].Name]
		}
	}
	w.Ordered = l.order(w)
	return l.errs.Err()
}

// order sorts the queries by dependency (depth first, in name order), and
// reports each cycle once.
func (l *loader) order(w *Workspace) []*Query {
	const (
		unseen = iota
		active
		done
	)
	state := map[*Query]int{}
	var stack, out []*Query
	var visit func(q *Query)
	visit = func(q *Query) {
		state[q] = active
		stack = append(stack, q)
		for _, ref := range q.Reads {
			r := w.Query(ref.Name)
			switch {
			case r == nil:
			case state[r] == active:
				i := slices.Index(stack, r)
				path := []string{}
				for _, s := range stack[i:] {
					path = append(path, s.Name)
				}
				l.errs.Add(q.Path, ref.Line, ref.Col, "a query cannot read itself, directly or through others: break the cycle",
					"queries read each other in a cycle: %s → %s", strings.Join(path, " → "), r.Name)
			case state[r] == unseen:
				visit(r)
			}
		}
		stack = stack[:len(stack)-1]
		state[q] = done
		out = append(out, q)
	}
	for _, q := range w.Queries {
		if state[q] == unseen {
			visit(q)
		}
	}
	return out
}

// checkClashes reports a name that is both a table and a query: in the
// query file and where the table is declared (or its seed), and returns
// those names, folded.
func (l *loader) checkClashes(w *Workspace) map[string]bool {
	clash := map[string]bool{}
	for _, q := range w.Queries {
		name := strings.ToLower(q.Name)
		for _, f := range w.Schema {
			if _, ok := f.Tables[name]; !ok {
				if _, ok = f.Tables["public."+name]; !ok {
					continue
				}
			}
			clash[name] = true
			line, col := createTablePos(f.Source, name)
			l.errs.Add(f.Path, line, col, "rename the table or queries/"+q.Name+".sql", "table %s is also a query (%s)", name, q.Path)
			l.errs.Add(q.Path, 1, 1, "rename the query or the table", "query %s has the name of a table in %s", q.Name, f.Path)
		}
		for _, s := range w.Seeds {
			if s.Name == q.Name {
				clash[name] = true
				l.errs.Add(s.Path, 1, 1, "rename the seed or queries/"+q.Name+".sql", "seed %s is also a query (%s)", s.Name, q.Path)
				l.errs.Add(q.Path, 1, 1, "rename the query or the seed", "query %s has the name of the seed %s", q.Name, s.Path)
			}
		}
	}
	return clash
}

// createTablePos is where src's CREATE TABLE names table (1, 1 when not
// found): the name after TABLE [IF NOT EXISTS], bare or public-qualified.
func createTablePos(src, table string) (int, int) {
	toks := sqlscan.ScanSignificant(src)
	for i := 1; i < len(toks); i++ {
		if !toks[i].IsKeyword("table") {
			continue
		}
		j := i + 1
		if j+2 < len(toks) && toks[j].IsKeyword("if") {
			j += 3
		}
		if j+2 < len(toks) && toks[j].Name() == "public" && toks[j+1].IsSymbol(".") {
			j += 2
		}
		if j < len(toks) && toks[j].Name() == table && (j+1 == len(toks) || !toks[j+1].IsSymbol(".")) {
			return toks[j].Line, toks[j].Col
		}
	}
	return 1, 1
}

// Inputs are the names of the queries q reads, once each, in the order it
// reads them.
func (w *Workspace) Inputs(name string) []string {
	q := w.Query(name)
	if q == nil {
		return nil
	}
	var out []string
	for _, r := range q.Reads {
		if rq := w.Query(r.Name); rq != nil && !slices.Contains(out, rq.Name) {
			out = append(out, rq.Name)
		}
	}
	return out
}

// Feeds are the names of the queries that read the query name, in name
// order.
func (w *Workspace) Feeds(name string) []string {
	var out []string
	for _, q := range w.Queries {
		if slices.Contains(w.Inputs(q.Name), name) {
			out = append(out, q.Name)
		}
	}
	return out
}

// Upstream is every query the query name reads, at any depth, in dependency
// order (a query before the queries that read it); name itself excluded.
func (w *Workspace) Upstream(name string) []*Query {
	need := map[string]bool{}
	var mark func(string)
	mark = func(n string) {
		for _, in := range w.Inputs(n) {
			if !need[in] {
				need[in] = true
				mark(in)
			}
		}
	}
	mark(name)
	var out []*Query
	for _, q := range w.ordered() {
		if need[q.Name] && q.Name != name {
			out = append(out, q)
		}
	}
	return out
}

// ordered is Ordered, or Queries when they were never linked. It never
// links them itself: fixtures call it from many goroutines at once.
func (w *Workspace) ordered() []*Query {
	if len(w.Ordered) == len(w.Queries) {
		return w.Ordered
	}
	return w.Queries
}
