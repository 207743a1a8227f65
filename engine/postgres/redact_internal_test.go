package postgres

import "testing"

// A short password is masked where a DSN would quote it, never inside
// other words; a long one everywhere.
func TestRedactPassword(t *testing.T) {
	for _, tt := range []struct{ msg, password, want string }{
		{"dial tcp 127.0.0.1:1: password=p user=jig", "p", "dial tcp 127.0.0.1:1: password=**** user=jig"},
		{"postgres://jig:p@host", "p", "postgres://jig:****@host"},
		{"p", "p", "****"},
		{"pp p", "p", "pp ****"},
		{"user jig: Sekrit-Pa55word rejected (Sekrit-Pa55wordX)", "Sekrit-Pa55word", "user jig: **** rejected (****X)"},
		{"nothing here", "", "nothing here"},
	} {
		if got := redactPassword(tt.msg, tt.password); got != tt.want {
			t.Errorf("redactPassword(%q, %q) = %q, want %q", tt.msg, tt.password, got, tt.want)
		}
	}
}
