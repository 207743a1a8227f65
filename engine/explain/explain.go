package explain

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Explanation is a query's plan on the local server, plus advice for the
// warehouse computed from the plan, the query and the schema's Redshift
// design (jig explain).
type Explanation struct {
	Plan   string   `json:"plan"` // EXPLAIN's text format
	Advice []Advice `json:"advice"`
}

// Advice kinds.
const (
	AdviceSelectStar    = "select-star"         // SELECT * on a wide table
	AdviceJoinDistKey   = "join-distkey"        // a join on a column that is not the DISTKEY
	AdviceRangeSortKey  = "range-sortkey"       // a range filter on a column that is not the SORTKEY
	AdviceNullDistKey   = "distkey-nullable"    // a DISTKEY that may be NULL
	AdviceFewValuesDist = "distkey-cardinality" // a DISTKEY with few distinct values
)

// Advice is one suggestion about a table and column, with the reason in a
// sentence.
type Advice struct {
	Kind    string   `json:"kind"`
	Table   string   `json:"table"`
	Column  string   `json:"column,omitempty"`
	Columns []string `json:"columns,omitempty"` // select-star: the columns the query uses
	Message string   `json:"message"`
}

// Run plans sql on one of the runner's connections (EXPLAIN, never
// executed) and computes advice from the plan and the workspace's tables.
func Run(ctx context.Context, r *engine.Runner, sql string) (*Explanation, error) {
	return RunAt(ctx, r, sql, engine.Where{SQL: sql})
}

// RunAt is Run with where placing the errors of sql (a chain of queries,
// each part in its own file).
func RunAt(ctx context.Context, r *engine.Runner, sql string, at engine.Where) (*Explanation, error) {
	if err := refuseOptions(sql); err != nil {
		return nil, err
	}
	var e *Explanation
	err := r.WithSession(ctx, func(s *engine.Session) error {
		sent, where, err := s.Map(sql, at)
		if err != nil {
			return err
		}
		e, err = plan(ctx, s.Conn, sent, where, r.Suite.Tables)
		if e != nil {
			e.Plan = where.Names(e.Plan) // the user's schema names
		}
		return err
	})
	return e, err
}

// plan explains sent (the user's sql as sent on conn; where places errors).
func plan(ctx context.Context, conn *pgx.Conn, sql string, where engine.Where, tables []workspace.Table) (*Explanation, error) {
	const textPrefix = "EXPLAIN "
	at := func(prefix string) engine.Where {
		w := where
		w.Offset = len(prefix)
		return w
	}
	rows, err := conn.Query(ctx, textPrefix+sql)
	if err != nil {
		return nil, engine.AsSQLError(err, at(textPrefix))
	}
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		return nil, engine.AsSQLError(err, at(textPrefix))
	}
	const jsonPrefix = "EXPLAIN (FORMAT JSON, VERBOSE) "
	var doc string
	if err := conn.QueryRow(ctx, jsonPrefix+sql).Scan(&doc); err != nil {
		return nil, engine.AsSQLError(err, at(jsonPrefix))
	}
	advice, err := Advise([]byte(doc), sql, tables)
	if err != nil {
		return nil, err
	}
	return &Explanation{Plan: strings.Join(lines, "\n"), Advice: advice}, nil
}

// planNode is the part of EXPLAIN (FORMAT JSON, VERBOSE) advice reads.
type planNode struct {
	Relation    string     `json:"Relation Name"`
	Alias       string     `json:"Alias"`
	Output      []string   `json:"Output"`
	HashCond    string     `json:"Hash Cond"`
	MergeCond   string     `json:"Merge Cond"`
	JoinFilter  string     `json:"Join Filter"`
	Filter      string     `json:"Filter"`
	IndexCond   string     `json:"Index Cond"`
	RecheckCond string     `json:"Recheck Cond"`
	GroupKey    []string   `json:"Group Key"`
	SortKey     []string   `json:"Sort Key"`
	Plans       []planNode `json:"Plans"`
}

// planFacts is what the plan says about the query's use of the tables.
type planFacts struct {
	tables  map[string]*workspace.Table // by alias, for scanned workspace tables
	scanned []string                    // table names in plan order, once each
	used    map[string][]string         // columns of each table the plan uses
	joins   []string                    // join conditions
	filters []scanFilter                // scan filters
}

type scanFilter struct{ alias, expr string }

func readPlan(doc []byte, tables []workspace.Table) (*planFacts, error) {
	var top []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal(doc, &top); err != nil || len(top) == 0 {
		return nil, fmt.Errorf("reading the plan: %v", err)
	}
	f := &planFacts{tables: map[string]*workspace.Table{}, used: map[string][]string{}}
	byName := map[string]*workspace.Table{}
	for i := range tables {
		byName[tables[i].Name] = &tables[i]
	}
	f.collectScans(&top[0].Plan, byName)
	f.walk(&top[0].Plan, true)
	return f, nil
}

// collectScans maps each scan's alias to its table first, so conditions
// anywhere in the plan can be resolved.
func (f *planFacts) collectScans(n *planNode, byName map[string]*workspace.Table) {
	if t := byName[n.Relation]; t != nil && n.Alias != "" {
		f.tables[n.Alias] = t
		if !contains(f.scanned, t.Name) {
			f.scanned = append(f.scanned, t.Name)
		}
	}
	for i := range n.Plans {
		f.collectScans(&n.Plans[i], byName)
	}
}

func (f *planFacts) walk(n *planNode, root bool) {
	exprs := append([]string{n.Filter, n.IndexCond, n.RecheckCond, n.HashCond, n.MergeCond, n.JoinFilter}, n.GroupKey...)
	exprs = append(exprs, n.SortKey...)
	scan := f.tables[n.Alias] != nil && n.Relation == f.tables[n.Alias].Name
	// A scan below a node that projects returns every column (Postgres's
	// physical target list): what its parents use is what the query uses.
	if !scan || root {
		exprs = append(exprs, n.Output...)
	}
	for _, e := range exprs {
		f.use(e)
	}
	if scan {
		for _, cond := range []string{n.Filter, n.IndexCond, n.RecheckCond} {
			if cond != "" {
				f.filters = append(f.filters, scanFilter{n.Alias, cond})
			}
		}
		if n.IndexCond != "" {
			f.joins = append(f.joins, n.IndexCond) // a nested loop's inner index scan
		}
	}
	for _, cond := range []string{n.HashCond, n.MergeCond, n.JoinFilter} {
		if cond != "" {
			f.joins = append(f.joins, cond)
		}
	}
	for i := range n.Plans {
		f.walk(&n.Plans[i], false)
	}
}

// use records the table columns an expression references. EXPLAIN leaves
// columns unqualified when the query reads a single table.
func (f *planFacts) use(expr string) {
	add := func(t *workspace.Table, col string) {
		if _, ok := t.Column(col); ok && !contains(f.used[t.Name], col) {
			f.used[t.Name] = append(f.used[t.Name], col)
		}
	}
	refs := columnRefs(expr)
	for _, ref := range refs {
		if t := f.tables[ref.alias]; t != nil {
			add(t, ref.column)
		}
	}
	if len(refs) == 0 && len(f.tables) == 1 {
		for _, t := range f.tables {
			for _, col := range mentions(expr, columnNames(t)) {
				add(t, col)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// refuseOptions refuses SQL that would be read as EXPLAIN's own options:
// EXPLAIN ANALYZE, or EXPLAIN (ANALYZE), would run the statement and keep
// what it wrote in the worker's tables for every later fixture on that
// connection. A query in parentheses, (SELECT ...), is fine.
func refuseOptions(sql string) error {
	var t [2]string
	for i, tk := range sqlscan.ScanSignificant(sql) {
		if i == len(t) {
			break
		}
		t[i] = strings.ToLower(tk.Text)
	}
	query := map[string]bool{"select": true, "values": true, "with": true, "table": true, "(": true}
	if t[0] == "analyze" || t[0] == "analyse" || (t[0] == "(" && !query[t[1]]) {
		return fmt.Errorf("jig explain plans a query without running it: it does not take EXPLAIN options (%s %s)", t[0], t[1])
	}
	return nil
}
