package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ConnectDSN opens one connection to an existing server, for work that must
// not create anything there (jig check, jig pull). Errors never quote the
// DSN's password.
func ConnectDSN(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := parseDSN(dsn)
	if err != nil {
		return nil, &StartError{Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, &StartError{Err: connectError(cfg, err)}
	}
	return conn, nil
}

// parseDSN parses a DSN for DSN mode. A DSN that does not parse may hold
// its password anywhere (an unencoded @ or a space shifts every part), so
// its error names at most the host and port, and why, in words of its own
// that quote nothing of the DSN.
func parseDSN(dsn string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err == nil && strings.ContainsAny(cfg.Host, "@ ") {
		// url.Parse splits user info at the last @, pgx at the first: the
		// rest of the password became the host.
		return nil, &DSNError{msg: "the DSN is not valid: its host contains an @ or a space; percent-encode them in the password (@ is %40, a space %20)"}
	}
	if err != nil {
		return nil, &DSNError{msg: fmt.Sprintf("the DSN is not valid%s: %s", dsnPlace(dsn), dsnReason(dsn, err))}
	}
	return cfg, nil
}

// DSNError is a DSN that does not parse: a mistake in what the user
// typed (exit 2), not a server that does not answer. Its message quotes
// nothing of the DSN.
type DSNError struct{ msg string }

func (e *DSNError) Error() string { return e.msg }

var (
	kvHost = regexp.MustCompile(`(?:^|\s)host\s*=\s*([A-Za-z0-9.\-:\[\]]+)(?:\s|$)`)
	kvPort = regexp.MustCompile(`(?:^|\s)port\s*=\s*([0-9]+)(?:\s|$)`)
	urlAt  = regexp.MustCompile(`^postgres(?:ql)?://(?:[^/?#]*@)?([A-Za-z0-9.\-\[\]]+)(?::([0-9]+))?(?:[/?#]|$)`)
)

// dsnPlace is " (host H, port P)" for the parts of a broken DSN that are
// plainly a host and a port, or "".
func dsnPlace(dsn string) string {
	var host, port string
	if m := urlAt.FindStringSubmatch(dsn); m != nil && !strings.Contains(dsn[:len(m[0])], " ") {
		host, port = m[1], m[2]
	} else {
		if m := kvHost.FindStringSubmatch(dsn); m != nil {
			host = m[1]
		}
		if m := kvPort.FindStringSubmatch(dsn); m != nil {
			port = m[1]
		}
	}
	switch {
	case host != "" && port != "":
		return " (host " + host + ", port " + port + ")"
	case host != "":
		return " (host " + host + ")"
	}
	return ""
}

// dsnReason says why a DSN did not parse: pgx's or net/url's reason when it
// quotes no part of the DSN, else a description of the two forms.
func dsnReason(dsn string, err error) string {
	var pce *pgconn.ParseConfigError
	for errors.As(err, &pce) && pce.Unwrap() != nil {
		err = pce.Unwrap()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	if pce != nil && errors.Is(err, pce) {
		msg = "" // pgx's own message quotes the DSN
	}
	for _, piece := range strings.FieldsFunc(dsn, func(r rune) bool { return strings.ContainsRune(" \t\n:@/?&='\"\\", r) }) {
		if len(piece) >= 3 && strings.Contains(msg, piece) && !safeDSNWord[strings.ToLower(piece)] {
			msg = ""
			break
		}
	}
	if msg == "" {
		return "write postgres://user:password@host:port/db (percent-encode @, : and spaces in the password) or host=H port=P user=U password=P dbname=D (quote a value with spaces: 'like this')"
	}
	return msg + "; percent-encode @, : and spaces in a URL's password, or quote a key=value with spaces: password='like this'"
}

// safeDSNWord are words of a DSN that may appear in a reason.
var safeDSNWord = map[string]bool{"postgres": true, "postgresql": true, "host": true, "port": true, "user": true,
	"password": true, "dbname": true, "sslmode": true, "disable": true, "require": true}

// connectError is a failed connection in one line: "connecting to
// host:port: dial error: … connection refused". pgx lists every attempt
// (with sslmode=prefer, TLS and then plain text: the same dial error
// twice) under a header naming the user; each reason is said once.
func connectError(cfg *pgx.ConnConfig, err error) error {
	var reasons []string
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "failed to connect to ") && strings.HasSuffix(line, ":") {
			continue
		}
		if _, rest, ok := strings.Cut(line, "): "); ok && strings.HasPrefix(line, fmt.Sprintf("%s:%d (", cfg.Host, cfg.Port)) {
			line = rest // "127.0.0.1:1 (127.0.0.1): " repeats what the message starts with
		}
		if line != "" && !slices.Contains(reasons, line) {
			reasons = append(reasons, line)
		}
	}
	return fmt.Errorf("connecting to %s:%d: %s", cfg.Host, cfg.Port, redactPassword(strings.Join(reasons, "; "), cfg.Password))
}

// redactPassword is RedactSecrets that also masks the parsed password
// wherever a message repeats it. A password shorter than 8 characters is
// masked only where it stands as a word of its own (as it does when a DSN
// is quoted: "password=p ", ":p@"), so a password "p" cannot turn
// "dial tcp" into "dial tc****"; a longer one is masked everywhere.
func redactPassword(msg, password string) string {
	switch {
	case password == "":
	case len(password) >= 8:
		msg = strings.ReplaceAll(msg, password, "****")
	default:
		msg = replaceWord(msg, password, "****")
	}
	return RedactSecrets(msg)
}

// replaceWord replaces each occurrence of word in s that no letter or
// digit touches on either side.
func replaceWord(s, word, with string) string {
	var b strings.Builder
	done := 0 // s[:done] is written
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			break
		}
		i += from
		end := i + len(word)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !(i > 0 && isWordRune(before)) && !(end < len(s) && isWordRune(after)) {
			b.WriteString(s[done:i])
			b.WriteString(with)
			done = end
		}
		from = end
	}
	b.WriteString(s[done:])
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
