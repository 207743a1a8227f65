package workspace

import "strings"

// Statement is one statement of a multi-statement text, without its
// semicolon. Start is its byte offset in the text, so LineCol(text,
// Start+i) places byte i of SQL.
type Statement struct {
	SQL   string
	Start int
}

// SplitStatements cuts src at the semicolons that end statements, never at
// one inside a string, a dollar quote, a quoted identifier or a comment.
// Pieces holding only spaces and comments are left out. jig sends each piece
// as its own protocol message, where the server refuses a second statement,
// so a piece this lexer misjudges can only fail, never run more than one
// statement.
func SplitStatements(src string) []Statement {
	var out []Statement
	start, empty := 0, true
	for _, tk := range lexSQL(src) {
		switch {
		case tk.punct(";"):
			if !empty {
				out = append(out, Statement{SQL: src[start:tk.Start], Start: start})
			}
			start, empty = tk.End, true
		case tk.Kind != tkSpace && tk.Kind != tkComment:
			empty = false
		}
	}
	if !empty {
		out = append(out, Statement{SQL: src[start:], Start: start})
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
	for _, tk := range significant(lexSQL(sql)) {
		if len(words) == n || (tk.Kind != tkIdent && tk.Kind != tkQuoted) {
			break
		}
		words = append(words, strings.ToLower(identName(tk)))
	}
	return words
}

// FragmentProblem checks SQL that jig places inside a statement of its own
// (a check's where: or expression:, or a sql: query without its trailing
// semicolons): it must be one piece whose parentheses balance and that has
// no semicolon. It returns the byte offset of the first problem and what it
// is, or -1 and "".
func FragmentProblem(sql string) (offset int, problem string) {
	depth := 0
	for _, tk := range significant(lexSQL(sql)) {
		switch {
		case tk.punct(";"):
			return tk.Start, "a semicolon would end jig's statement here"
		case tk.punct("("):
			depth++
		case tk.punct(")"):
			if depth == 0 {
				return tk.Start, "this parenthesis closes one the SQL did not open"
			}
			depth--
		}
	}
	if depth > 0 {
		return len(sql), "a parenthesis is left open"
	}
	// A string, quoted name or block comment left open would run on into
	// jig's own text: then a semicolon added after it is not a token.
	if toks := lexSQL(sql + "\n;"); !toks[len(toks)-1].punct(";") {
		return toks[len(toks)-1].Start, "a quote, dollar quote or comment is left open"
	}
	return -1, ""
}

// LeadingTokens is up to n of sql's first tokens that are not spaces or
// comments, as written but lower-cased.
func LeadingTokens(sql string, n int) []string {
	var out []string
	for _, tk := range significant(lexSQL(sql)) {
		if len(out) == n {
			break
		}
		out = append(out, strings.ToLower(tk.Text))
	}
	return out
}
