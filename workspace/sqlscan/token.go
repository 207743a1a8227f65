package sqlscan

import (
	"fmt"
	"strings"
)

// Kind classifies a token.
type Kind uint8

// The token kinds. Only Ident is ever a keyword: nothing inside a string,
// quoted identifier or comment can be mistaken for one.
const (
	Space       Kind = iota // a run of blanks, tabs, newlines, \f, \v
	Comment                 // -- to end of line, or /* */ (nested, as in Postgres)
	Ident                   // unquoted identifier or keyword
	QuotedIdent             // "quoted identifier", U&"..."
	String                  // '...', E'...', B'...', X'...', N'...', U&'...', $tag$...$tag$
	Number                  // 42, 1.5e3, .5, 1_000, 0x1F
	Param                   // $1
	Op                      // an operator: + - * / < > = ~ ! @ # % ^ & | ` ? and runs of them (<=, ||, ->>)
	Punct                   // ( ) [ ] , ; . : :: := .. or a byte SQL has no use for
)

var kindNames = [...]string{"Space", "Comment", "Ident", "QuotedIdent", "String", "Number", "Param", "Op", "Punct"}

// String names the kind, for test failures and debugging.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Token is one lexical token: the source bytes src[Offset:End()].
type Token struct {
	Kind   Kind
	Text   string
	Offset int    // 0-based byte offset of Text's first byte in the source
	Line   int    // 1-based line of Offset
	Col    int    // 1-based column of Offset, counted in characters (runes)
	Err    *Error // non-nil when the token is malformed (unterminated)
}

// End is the byte offset just past the token.
func (t Token) End() int { return t.Offset + len(t.Text) }

// IsKeyword reports whether t is the unquoted word kw, case-insensitively
// (ASCII), as Postgres matches keywords.
func (t Token) IsKeyword(kw string) bool { return t.Kind == Ident && strings.EqualFold(t.Text, kw) }

// IsSymbol reports whether t is the operator or punctuation s.
func (t Token) IsSymbol(s string) bool { return (t.Kind == Op || t.Kind == Punct) && t.Text == s }

// Significant reports whether t is neither whitespace nor a comment.
func (t Token) Significant() bool { return t.Kind != Space && t.Kind != Comment }

// Error is a lexical problem at a position in the source.
type Error struct {
	Offset    int // 0-based byte offset
	Line, Col int // 1-based; Col in characters
	Msg       string
}

// Error formats the problem as line:col: msg.
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// FirstError is the first malformed token's error, or nil.
func FirstError(toks []Token) *Error {
	for _, t := range toks {
		if t.Err != nil {
			return t.Err
		}
	}
	return nil
}
