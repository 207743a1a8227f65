package workspace

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Statement is one statement of a multi-statement text, without its
// semicolon. Start is its byte offset in the text, so diag.LineCol(text,
// Start+i) places byte i of SQL.
type Statement struct {
	SQL   string
	Start int
}

// SplitStatements cuts src at the semicolons that end statements, never at
// one inside a string, a dollar quote, a quoted identifier, a comment or
// parentheses (sqlscan.SplitStatements). Pieces holding only spaces and
// comments are left out. jig sends each piece as its own protocol message,
// where the server refuses a second statement, so a piece misjudged here
// can only fail, never run more than one statement.
func SplitStatements(src string) []Statement {
	var out []Statement
	for _, toks := range sqlscan.SplitStatements(sqlscan.Scan(src)) {
		start, end := toks[0].Offset, toks[len(toks)-1].End()
		out = append(out, Statement{SQL: src[start:end], Start: start})
	}
	return out
}

// SessionControl names what a statement would do to jig's transaction or
// session when it is one that jig refuses in user SQL run inside its
// transaction (fixtures' setup, checks): end or nest the transaction
// (COMMIT, ROLLBACK, BEGIN, SAVEPOINT, PREPARE TRANSACTION ...), change who
// runs it (SET ROLE, SET SESSION AUTHORIZATION, RESET ALL), or make it
// writable (SET transaction_read_only ...). It returns "" for any other
// statement. Only the statement's first words are read: the server gets
// each statement alone, so they are the statement's kind.
func SessionControl(sql string) string {
	words := leadingWords(sql, 4)
	if len(words) == 0 {
		return ""
	}
	switch words[0] {
	case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "discard":
		return strings.ToUpper(words[0])
	case "prepare":
		if len(words) > 1 && words[1] == "transaction" {
			return "PREPARE TRANSACTION"
		}
	case "set", "reset":
		return setControl(words)
	}
	return ""
}

// setControl judges SET and RESET by the parameter they change.
func setControl(words []string) string {
	rest := words[1:]
	if len(rest) > 0 && (rest[0] == "local" || rest[0] == "session") {
		if len(rest) > 1 && rest[0] == "session" && rest[1] == "characteristics" {
			return "SET SESSION CHARACTERISTICS"
		}
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return ""
	}
	switch rest[0] {
	case "role", "session_authorization", "all", "transaction", "transaction_read_only",
		"default_transaction_read_only", "transaction_isolation", "default_transaction_isolation":
		return strings.ToUpper(words[0] + " " + rest[0])
	case "authorization": // SET SESSION AUTHORIZATION, "session" already read
		return strings.ToUpper(words[0] + " SESSION AUTHORIZATION")
	case "session":
		if len(rest) > 1 && rest[1] == "authorization" {
			return strings.ToUpper(words[0] + " SESSION AUTHORIZATION")
		}
	}
	return ""
}

// leadingWords is up to n of the first significant tokens of sql, folded
// and lower-cased: parameter names are case-insensitive even when quoted.
func leadingWords(sql string, n int) []string {
	var words []string
	for _, tk := range sqlscan.ScanSignificant(sql) {
		if len(words) == n || (tk.Kind != sqlscan.Ident && tk.Kind != sqlscan.QuotedIdent) {
			break
		}
		words = append(words, strings.ToLower(tk.Name()))
	}
	return words
}
