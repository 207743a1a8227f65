package workspace

import (
	"net/url"
	"regexp"
	"strings"
)

// Redacted replaces a password wherever jig shows a DSN.
const Redacted = "****"

var (
	kvPasswordRE  = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s]*)`)
	urlUserinfoRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*://[^:@/?#]*:)([^@]*)(@)`)
)

// RedactDSN returns dsn with its password replaced by ****, in both the URL
// form (postgres://user:secret@host/db?password=secret) and the key=value
// form (host=h password='secret'). Anything it cannot parse is redacted
// generously rather than shown.
func RedactDSN(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		return redactURL(dsn, i+3)
	}
	return kvPasswordRE.ReplaceAllString(dsn, "${1}"+Redacted)
}

func redactURL(dsn string, restAt int) string {
	u, err := url.Parse(dsn)
	if err != nil {
		// Unparsable: hide everything between the first ':' of the userinfo
		// and the last '@', and any password parameter.
		out := urlUserinfoRE.ReplaceAllString(dsn, "${1}"+Redacted+"${3}")
		return kvPasswordRE.ReplaceAllString(out, "${1}"+Redacted)
	}
	out := dsn
	if _, has := u.User.Password(); has {
		rest := dsn[restAt:]
		at := strings.Index(rest, "@"+u.Host)
		if u.Host == "" || at < 0 {
			at = strings.LastIndex(rest, "@")
		}
		if colon := strings.Index(rest[:at], ":"); colon >= 0 {
			out = dsn[:restAt] + rest[:colon+1] + Redacted + rest[at:]
		}
	}
	if q := strings.Index(out, "?"); q >= 0 {
		query, frag, _ := strings.Cut(out[q+1:], "#")
		params := strings.Split(query, "&")
		for i, p := range params {
			k, _, _ := strings.Cut(p, "=")
			if dk, err := url.QueryUnescape(k); err == nil && strings.EqualFold(dk, "password") {
				params[i] = k + "=" + Redacted
			}
		}
		out = out[:q+1] + strings.Join(params, "&")
		if strings.Contains(out[q:], "#") {
			out += "#" + frag
		}
	}
	return out
}
