package postgres

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
)

// startRemote connects to an existing server and creates jig's private
// schema there. Everything jig writes lives in that schema, which Stop drops.
func startRemote(ctx context.Context, o Options) (*Server, error) {
	cfg, err := parseDSN(o.DSN)
	if err != nil {
		return nil, err
	}
	o.Progress.report(Progress{Step: StepStart, Message: "connecting to " + cfg.Host})
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(cfg, err)
	}
	defer conn.Close(context.Background())
	var version string
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&version); err != nil {
		return nil, err
	}
	schema := "jig_" + randomHex(6)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+workspace.QuoteIdent(schema)); err != nil {
		return nil, fmt.Errorf("creating jig's private schema %s: %w", schema, err)
	}
	if f := strings.Fields(version); len(f) > 0 {
		version = f[0]
	}
	s := &Server{cfg: cfg, version: version, schema: schema}
	s.Note = s.createRemoteRole(ctx, conn)
	return s, nil
}

// Remote reports whether the server was reached by DSN (it then runs in a
// private schema jig created) rather than embedded.
func (s *Server) Remote() bool { return s.embedded == nil }

func (s *Server) dropPrivateSchema() error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, s.cfg)
	if err != nil {
		return fmt.Errorf("dropping jig's schema %s: %s", s.schema, RedactSecrets(err.Error()))
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+workspace.QuoteIdent(s.schema)+" CASCADE")
	if err == nil && s.remoteRole {
		err = s.dropRemoteRole(ctx, conn)
	}
	return err
}

var (
	urlPassword = regexp.MustCompile(`(?i)(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@`)
	kvPassword  = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)
)

// RedactSecrets masks passwords in URL and key=value connection strings (and in
// error messages that quote them).
func RedactSecrets(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			s = strings.Replace(u.String(), "xxxxx", "****", 1)
		}
	}
	s = urlPassword.ReplaceAllString(s, "$1****@")
	return kvPassword.ReplaceAllString(s, "$1****")
}
