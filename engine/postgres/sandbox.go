package postgres

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
)

// Workspace SQL (schema files, queries, setup:, checks) never runs as the
// superuser or as the DSN's user. It runs logged in as the workspace role:
// a role that is not a superuser, owns only the schemas jig makes for it,
// and has no other privilege than what PUBLIC has. Logging in as it (rather
// than SET ROLE, which RESET ROLE or set_config('role', ...) undo) leaves
// no way back to a more powerful role. The superuser (or the DSN's user)
// keeps jig's own set-up: creating the role and the schemas it owns.

// localRole is the workspace role of the embedded server, one per cluster.
const localRole = "jig_workspace"

// roleMarker, in a cluster's data directory, says its workspace role exists
// (a template copy or a rebuilt cluster has none, and makes it again).
const roleMarker = "jig_workspace_role_v1"

// rolePassword is the workspace role's own password, derived from the
// cache's so it needs no file of its own.
func rolePassword(cachePassword string) string {
	m := hmac.New(sha256.New, []byte(cachePassword))
	m.Write([]byte(localRole))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// ensureLocalRole creates the embedded cluster's workspace role once and
// sets s.workspace to log in as it.
func (s *Server) ensureLocalRole(ctx context.Context, cachePassword string) error {
	pw := rolePassword(cachePassword)
	marker := filepath.Join(s.embedded.dataDir(), roleMarker)
	if _, err := os.Stat(marker); err != nil {
		conn, err := pgx.ConnectConfig(ctx, s.cfg)
		if err != nil {
			return fmt.Errorf("creating the workspace role: %w", err)
		}
		defer conn.Close(context.Background())
		// The server runs with synchronous_commit off: without it here, a
		// crash right after could lose the role while the marker stays.
		if _, err := conn.Exec(ctx, "SET synchronous_commit TO on"); err != nil {
			return err
		}
		if err := createRole(ctx, conn, localRole, pw); err != nil {
			return err
		}
		// The embedded server's public schema is the workspace's (jig run).
		if _, err := conn.Exec(ctx, "ALTER SCHEMA public OWNER TO "+localRole); err != nil {
			return fmt.Errorf("giving the workspace role the public schema: %w", err)
		}
		os.WriteFile(marker, nil, 0o600) // a failure costs the next start this work
	}
	s.workspace = roleConfig(s.cfg, localRole, pw)
	return nil
}

// createRole (re)creates a login role with no privileges beyond PUBLIC's.
func createRole(ctx context.Context, conn *pgx.Conn, role, password string) error {
	q := workspace.QuoteIdent(role)
	sql := fmt.Sprintf(`DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s; END IF;
END $$;
ALTER ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %s;
GRANT %s TO CURRENT_USER`, workspace.QuoteLiteral(role), q, q, workspace.QuoteLiteral(scramVerifier(password)), q)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("creating the workspace role %s: %w", role, err)
	}
	return nil
}

// scramVerifier is the SCRAM-SHA-256 secret Postgres stores for password,
// so the password itself is never sent (nor logged by log_statement).
func scramVerifier(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	const iter = 4096
	salted, _ := pbkdf2.Key(sha256.New, password, salt, iter, 32)
	mac := func(key []byte, msg string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msg))
		return m.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iter, b64(salt), b64(stored[:]), b64(mac(salted, "Server Key")))
}

func roleConfig(admin *pgx.ConnConfig, role, password string) *pgx.ConnConfig {
	cfg := admin.Copy()
	cfg.User, cfg.Password = role, password
	return cfg
}

// createRemoteRole makes a workspace role for one --dsn run, named like
// its private schema, and checks it can log in. When the DSN's user cannot
// create roles, or the server does not let the new one in, it returns a
// note saying so and workspace SQL runs as the DSN's user: fixtures still
// run one statement per message inside transactions jig rolls back, but
// schema files are not sandboxed.
func (s *Server) createRemoteRole(ctx context.Context, conn *pgx.Conn) (note string) {
	pw := randomHex(16)
	if err := createRole(ctx, conn, s.schema, pw); err != nil {
		return fmt.Sprintf("could not create a role for the workspace's SQL (%s), so it runs as %s: fixtures still roll back, but a schema file that names another schema can change it; grant %s CREATEROLE to sandbox the run", firstLineOf(err), s.cfg.User, s.cfg.User)
	}
	cfg := roleConfig(s.cfg, s.schema, pw)
	test, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		s.dropRemoteRole(ctx, conn)
		return fmt.Sprintf("the server refused a login as the role jig made for the workspace's SQL (%s), so it runs as %s: fixtures still roll back, but a schema file that names another schema can change it", RedactSecrets(firstLineOf(err)), s.cfg.User)
	}
	test.Close(ctx)
	s.workspace, s.remoteRole = cfg, true
	return ""
}

func (s *Server) dropRemoteRole(ctx context.Context, conn *pgx.Conn) error {
	q := workspace.QuoteIdent(s.schema)
	_, err := conn.Exec(ctx, "DROP OWNED BY "+q+" CASCADE; DROP ROLE IF EXISTS "+q)
	return err
}

// ConnectWorkspace (re)creates schema and each of more, empty and owned by
// the workspace role, and opens a connection as that role whose
// search_path is schema: the connection for workspace SQL. The schemas are
// created by jig's own user; the workspace role cannot create schemas
// itself.
func (s *Server) ConnectWorkspace(ctx context.Context, schema string, more ...string) (*pgx.Conn, error) {
	role := workspace.QuoteIdent(s.WorkspaceRole())
	admin, err := s.Connect(ctx)
	if err != nil {
		return nil, err
	}
	var sql strings.Builder
	for _, name := range append([]string{schema}, more...) {
		q := workspace.QuoteIdent(name)
		sql.WriteString("DROP SCHEMA IF EXISTS " + q + " CASCADE; CREATE SCHEMA " + q + " AUTHORIZATION " + role + ";\n")
	}
	_, err = admin.Exec(ctx, sql.String())
	admin.Close(context.Background())
	if err != nil {
		return nil, fmt.Errorf("creating schema %s: %w", schema, err)
	}
	cfg := s.cfg.Copy()
	if s.workspace != nil {
		cfg = s.workspace.Copy()
	}
	cfg.RuntimeParams["search_path"] = schema
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s as %s: %w", s.Describe(), cfg.User, err)
	}
	return conn, nil
}

// WorkspaceRole is the role workspace SQL runs as.
func (s *Server) WorkspaceRole() string {
	if s.workspace != nil {
		return s.workspace.User
	}
	return s.cfg.User
}

// WorkspaceDSN is a connection string for psql or any libpq client that
// logs in as the workspace role, so a session is sandboxed like workspace
// SQL, with search_path schema (a plain identifier; "" leaves the
// default). Like DSN it carries no password: it names the 0600 passfile.
// In DSN mode, or when no workspace role exists, it is DSN().
func (s *Server) WorkspaceDSN(schema string) string {
	if s.embedded == nil || s.workspace == nil {
		return s.DSN()
	}
	q := url.Values{"sslmode": {"disable"}, "passfile": {s.embedded.passfile}}
	if schema != "" {
		q.Set("options", "-csearch_path="+schema)
	}
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/postgres?%s", s.workspace.User, s.embedded.port, q.Encode())
}

// sweepSchemas drops every schema the workspace role owns but public: the
// worker schemas (and their mapped schemas) and serve's schemas of a jig
// that was killed before it could drop them. Only jig creates schemas for
// the role (it cannot create any itself), and whoever holds the cluster's
// lock is the only jig on it, so none of them is in use.
func (s *Server) sweepSchemas(ctx context.Context) error {
	e := s.embedded
	e.readyMu.Lock()
	defer e.readyMu.Unlock()
	conn := e.ready
	if conn == nil || conn.IsClosed() {
		var err error
		if conn, err = pgx.ConnectConfig(ctx, s.cfg); err != nil {
			return err
		}
		defer conn.Close(context.Background())
	}
	rows, err := conn.Query(ctx, `SELECT n.nspname FROM pg_namespace n JOIN pg_roles o ON o.oid = n.nspowner
		WHERE o.rolname = $1 AND n.nspname <> 'public'`, localRole)
	if err != nil {
		return fmt.Errorf("listing the schemas a killed jig left: %w", err)
	}
	stale, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("listing the schemas a killed jig left: %w", err)
	}
	// One schema per transaction: a single DROP of them all takes a lock per
	// table, and many killed jigs' schemas exceed max_locks_per_transaction.
	for _, name := range stale {
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+workspace.QuoteIdent(name)+" CASCADE"); err != nil {
			return fmt.Errorf("dropping the schema %s a killed jig left: %w", name, err)
		}
	}
	return nil
}
