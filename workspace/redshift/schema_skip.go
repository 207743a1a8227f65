package redshift

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// skipStatement blanks a statement of a schema file that moves data or
// rights rather than defining tables, which jig has no use for locally:
// COPY ... FROM 's3://...' (or DynamoDB, EMR), UNLOAD,
// GRANT and REVOKE. Each gives one warning at its first token instead of
// the error Postgres would report. It reports whether st was one of them.
func (t *translator) skipStatement(st []sqlscan.Token) bool {
	first := st[0]
	var msg, hint string
	switch {
	case first.IsKeyword("copy"):
		from := copySource(st)
		if from == "" {
			return false
		}
		msg = "COPY from " + from + " is skipped: jig loads no data from outside the test"
		hint = "give the table's rows in a fixture's given: (or a seed), not in the schema"
	case first.IsKeyword("unload"):
		msg, hint = "UNLOAD is skipped: jig writes no files", "unload in the pipeline that runs on Redshift, not in the schema"
	case first.IsKeyword("grant") || first.IsKeyword("revoke"):
		msg = strings.ToUpper(first.Text) + " is skipped: jig runs every test as one user in a private schema"
		hint = "nothing to do; keep it for Redshift"
	default:
		return false
	}
	used := t.used
	t.blankToks(first, st[len(st)-1])
	if !first.IsKeyword("copy") && !first.IsKeyword("unload") {
		t.used = used // GRANT is Postgres too: not a sign of Redshift DDL
	}
	line, col := diag.LineCol(t.src, first.Offset)
	t.warnings.Add(t.file, line, col, hint, "%s", msg)
	return true
}

// copySource returns the quoted location of COPY ... FROM 's3://...' (or
// Redshift's other remote sources, DynamoDB and EMR), or "" for any other
// COPY: FROM STDIN, or a server file, which Postgres refuses to a
// workspace as it should.
func copySource(st []sqlscan.Token) string {
	for i := 1; i+1 < len(st); i++ {
		v, ok := st[i+1].Value()
		v = strings.ToLower(v)
		remote := strings.HasPrefix(v, "s3://") || strings.HasPrefix(v, "dynamodb://") || strings.HasPrefix(v, "emr://")
		if st[i].IsKeyword("from") && st[i+1].Kind == sqlscan.String && ok && remote {
			s := st[i+1].Text
			if len(s) > 60 {
				s = s[:57] + "..."
			}
			return s
		}
	}
	return ""
}
