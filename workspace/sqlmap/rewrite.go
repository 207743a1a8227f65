package sqlmap

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Rewritten is SQL as sent, with the edits that made it from the user's text.
type Rewritten struct {
	SQL string
	// SearchPath is true when the text sets the search_path (SET
	// search_path TO …), which then outlives it on the session.
	SearchPath bool
	edits      []edit // in source order
}

// edit replaced the source bytes [start, start+oldLen) by newLen bytes.
type edit struct{ start, oldLen, newLen int }

// SourceOffset maps a byte offset of SQL (as a Postgres error position
// gives it) back to the user's text: an offset inside a replaced name points
// at the name's start.
func (r *Rewritten) SourceOffset(off int) int {
	delta := 0 // len(sent prefix) - len(source prefix)
	for _, e := range r.edits {
		start := e.start + delta
		if off < start {
			break
		}
		if off < start+e.newLen {
			return e.start
		}
		delta += e.newLen - e.oldLen
	}
	return off - delta
}

// Error is a statement jig refuses to map, at a byte offset of the text.
type Error struct {
	Offset int
	Msg    string
	Hint   string
}

func (e *Error) Error() string { return e.Msg }

// Rewrite maps the schema names in sql. ddl says sql is a schema file: its
// CREATE SCHEMA and DROP SCHEMA of declared schemas are blanked (jig creates
// each one, empty, per worker) and every S.x is mapped. Elsewhere S.x is
// mapped unless S also stands alone in the statement (an alias spelled like
// the schema: from web_sessions web … web.col) and x is no object of S.
func (m *Mapper) Rewrite(sql string, ddl bool) (*Rewritten, error) {
	toks := sqlscan.Scan(sql)
	w := &rewriter{m: m, src: sql, ddl: ddl}
	for _, st := range sqlscan.SplitStatements(toks) {
		if err := w.statement(sqlscan.Significant(st)); err != nil {
			return nil, err
		}
	}
	return w.result(), nil
}

type rewriter struct {
	m        *Mapper
	src      string
	ddl      bool
	edits    []repl
	setsPath bool
}

type repl struct {
	start, end int
	text       string
}

func (w *rewriter) replace(t sqlscan.Token, text string) {
	if text != t.Text {
		w.edits = append(w.edits, repl{t.Offset, t.End(), text})
	}
}

// blank replaces src[start:end] by spaces, keeping newlines, so every
// position after it stays where it was.
func (w *rewriter) blank(start, end int) {
	b := []byte(w.src[start:end])
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
	w.edits = append(w.edits, repl{start, end, string(b)})
}

func (w *rewriter) result() *Rewritten {
	if len(w.edits) == 0 {
		return &Rewritten{SQL: w.src, SearchPath: w.setsPath}
	}
	sort.SliceStable(w.edits, func(i, j int) bool { return w.edits[i].start < w.edits[j].start })
	var b strings.Builder
	r := &Rewritten{SearchPath: w.setsPath}
	last := 0
	for _, e := range w.edits {
		if e.start < last {
			continue // overlapping: the earlier edit (a blanked statement) wins
		}
		b.WriteString(w.src[last:e.start])
		b.WriteString(e.text)
		r.edits = append(r.edits, edit{e.start, e.end - e.start, len(e.text)})
		last = e.end
	}
	b.WriteString(w.src[last:])
	r.SQL = b.String()
	return r
}

// sent is the schema name to send for a user's name; false when the name
// is not one to map.
func (w *rewriter) sent(name string) (string, bool) {
	if name == "public" {
		return w.m.main, true
	}
	if s := w.m.schemas[name]; s != nil {
		return s.sent, true
	}
	return "", false
}

func (w *rewriter) statement(sig []sqlscan.Token) error {
	if done, err := w.schemaStatement(sig); done || err != nil {
		return err
	}
	alone := aloneNames(sig)
	for k, t := range sig {
		switch {
		case t.IsKeyword("schema") && k > 0:
			w.afterSchema(sig, k+1)
		case isName(t) && k+2 < len(sig) && sig[k+1].IsSymbol(".") && (k == 0 || !sig[k-1].IsSymbol(".")):
			w.qualified(sig, k, alone)
		case isSearchPath(sig, k):
			w.searchPath(sig, k+2)
		case isName(t) && len(t.Name()) > MaxIdent:
			w.replace(t, quoteIdent(w.m.sendIdent(t.Name())))
		}
	}
	return nil
}

// qualified maps the schema of sig[k].sig[k+2].
func (w *rewriter) qualified(sig []sqlscan.Token, k int, alone map[string]bool) {
	name := sig[k].Name()
	sent, ok := w.sent(name)
	if !ok {
		return
	}
	if s := w.m.schemas[name]; s != nil && !w.ddl && alone[name] && !s.Objects[sig[k+2].Name()] {
		return // an alias spelled like the schema
	}
	w.replace(sig[k], quoteIdent(sent))
}

// aloneNames are the names that stand without a following dot: aliases,
// tables, columns. A schema name among them may be an alias.
func aloneNames(sig []sqlscan.Token) map[string]bool {
	out := map[string]bool{}
	for k, t := range sig {
		if isName(t) && (k+1 == len(sig) || !sig[k+1].IsSymbol(".")) && (k == 0 || !sig[k-1].IsSymbol(".")) {
			out[t.Name()] = true
		}
	}
	return out
}

// schemaStatement handles CREATE, DROP and ALTER SCHEMA of a declared
// schema; done is false for any other statement.
func (w *rewriter) schemaStatement(sig []sqlscan.Token) (done bool, err error) {
	if len(sig) < 3 || !sig[1].IsKeyword("schema") {
		return false, nil
	}
	switch {
	case sig[0].IsKeyword("create"):
		k, ok := schemaNameAt(sig, 2)
		if !ok {
			return false, nil
		}
		if _, mine := w.sent(sig[k].Name()); !mine {
			return false, nil
		}
		if end := k + 1; end < len(sig) && !(sig[end].IsKeyword("authorization") && end+2 >= len(sig)) {
			return true, &Error{Offset: sig[end].Offset,
				Msg:  fmt.Sprintf("CREATE SCHEMA %s with statements inside it: jig creates each schema of the workspace itself", Display(sig[k].Name())),
				Hint: "write CREATE SCHEMA " + Display(sig[k].Name()) + "; and then each CREATE statement on its own, with schema-qualified names"}
		}
		w.blank(sig[0].Offset, sig[len(sig)-1].End())
		return true, nil
	case sig[0].IsKeyword("drop"):
		return w.dropSchema(sig)
	case sig[0].IsKeyword("alter"):
		if _, mine := w.sent(sig[2].Name()); mine && isName(sig[2]) {
			return true, &Error{Offset: sig[2].Offset,
				Msg:  fmt.Sprintf("ALTER SCHEMA %s: jig makes a private copy of each schema of the workspace for every run, so it cannot be renamed or given away", Display(sig[2].Name())),
				Hint: "remove the statement (rename the schema where it is declared instead)"}
		}
	}
	return false, nil
}

// dropSchema blanks DROP SCHEMA of declared schemas in a schema file (jig
// made them empty; the CREATE that follows is blanked too) and maps them
// elsewhere (the fixture's transaction rolls the drop back).
func (w *rewriter) dropSchema(sig []sqlscan.Token) (bool, error) {
	k := 2
	if k+1 < len(sig) && sig[k].IsKeyword("if") && sig[k+1].IsKeyword("exists") {
		k += 2
	}
	all, any := true, false
	for i := k; i < len(sig); i++ {
		if !isName(sig[i]) || sig[i].IsKeyword("cascade") || sig[i].IsKeyword("restrict") {
			continue
		}
		_, mine := w.sent(sig[i].Name())
		all, any = all && mine, any || mine
	}
	if !any {
		return false, nil
	}
	if w.ddl && all {
		w.blank(sig[0].Offset, sig[len(sig)-1].End())
		return true, nil
	}
	w.schemaList(sig, k)
	return true, nil
}

// afterSchema maps the names after the keyword SCHEMA (COMMENT ON SCHEMA s,
// GRANT … ON SCHEMA a, b, SET SCHEMA s, IN SCHEMA s).
func (w *rewriter) afterSchema(sig []sqlscan.Token, k int) {
	if k < len(sig) && isName(sig[k]) && (k+1 == len(sig) || !sig[k+1].IsSymbol(".")) {
		w.schemaList(sig, k)
	}
}

// schemaList maps a comma-separated list of schema names starting at k.
func (w *rewriter) schemaList(sig []sqlscan.Token, k int) {
	for ; k < len(sig); k += 2 {
		if !isName(sig[k]) {
			return
		}
		if sent, ok := w.sent(sig[k].Name()); ok {
			w.replace(sig[k], quoteIdent(sent))
		}
		if k+1 >= len(sig) || !sig[k+1].IsSymbol(",") {
			return
		}
	}
}

// isSearchPath reports SET [SESSION|LOCAL] search_path at sig[k] (the
// search_path word), followed by TO or =.
func isSearchPath(sig []sqlscan.Token, k int) bool {
	return sig[k].IsKeyword("search_path") && k > 0 && k+1 < len(sig) &&
		(sig[k+1].IsKeyword("to") || sig[k+1].IsSymbol("=")) &&
		(sig[k-1].IsKeyword("set") || sig[k-1].IsKeyword("session") || sig[k-1].IsKeyword("local"))
}

// searchPath maps the schemas of a search_path list, names or strings.
func (w *rewriter) searchPath(sig []sqlscan.Token, k int) {
	w.setsPath = true
	for ; k < len(sig); k += 2 {
		t := sig[k]
		name := t.Name()
		if v, ok := t.Value(); ok {
			name = v
		} else if !isName(t) {
			return
		}
		if sent, ok := w.sent(name); ok {
			w.replace(t, quoteIdent(sent))
		}
		if k+1 >= len(sig) || !sig[k+1].IsSymbol(",") {
			return
		}
	}
}
