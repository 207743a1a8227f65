package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running Postgres: the embedded one jig started, or an existing
// server reached by DSN. Stop it exactly once (Stop is idempotent).
type Server struct {
	cfg      *pgx.ConnConfig // password set; never printed
	version  string
	schema   string // the private schema in DSN mode; "" for the embedded server
	embedded *embedded
	stopOnce sync.Once
	stopErr  error
	// background is closed when fillCache's work is done.
	background chan struct{}
	// Note says something the user should know about how the server was
	// started, e.g. that the workspace was open in another jig.
	Note string
	// workspace logs in as the role workspace SQL runs as (sandbox.go);
	// nil when none could be made (a --dsn user without CREATEROLE).
	workspace  *pgx.ConnConfig
	remoteRole bool // workspace's role was made for this run (--dsn)
}

// embedded holds what only the embedded server has.
type embedded struct {
	pm         *postmaster
	ready      *pgx.Conn // the connection that proved the server ready; the first Connect takes it
	readyMu    sync.Mutex
	clusterDir string
	logFile    *os.File
	passfile   string
	lock       *fileLock
	ephemeral  bool
	fresh      bool // the data directory was copied from the template by this start
	// firstInit makes a data directory with initdb when there is no
	// template to copy yet (the first start ever).
	firstInit func(data string) error
	port      int
	maxLocks  int // max_locks_per_transaction, sized for the schema
}

// StartError wraps any failure to start or reach the database, so the CLI
// can exit with code 3.
type StartError struct{ Err error }

func (e *StartError) Error() string { return e.Err.Error() }
func (e *StartError) Unwrap() error { return e.Err }

// Start starts the embedded server (or connects to opts.DSN) and returns when
// it accepts connections.
func Start(ctx context.Context, opts Options) (*Server, error) {
	var s *Server
	var err error
	if opts.DSN != "" {
		s, err = startRemote(ctx, opts)
	} else {
		s, err = startEmbedded(ctx, opts)
	}
	if err != nil {
		return nil, &StartError{Err: err}
	}
	opts.Progress.report(Progress{Step: StepReady, Message: s.Describe()})
	return s, nil
}

func startEmbedded(ctx context.Context, o Options) (*Server, error) {
	if o.CacheDir == "" {
		dir, err := CacheDir()
		if err != nil {
			return nil, err
		}
		o.CacheDir = dir
	}
	if err := os.MkdirAll(o.CacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating cache %s: %w", o.CacheDir, err)
	}
	rel, err := lookupRelease(o.Version)
	if err != nil {
		return nil, err
	}
	acct, err := serverAccount()
	if err != nil {
		return nil, err
	}
	if err := acct.canReach(o.CacheDir, "cache", "set JIG_CACHE_DIR to a folder it can reach (root's default is /var/cache/jig)"); err != nil {
		return nil, err
	}
	o.Progress.report(Progress{Step: StepResolve, Message: "looking for Postgres " + rel.major + " binaries"})
	binDir, err := resolveBinaries(ctx, &o, rel)
	if err != nil {
		return nil, err
	}
	if err := acct.canReach(binDir, "binaries", "put them in a folder it can reach"); err != nil {
		return nil, err
	}
	version, err := binariesVersion(&o, binDir, rel)
	if err != nil {
		return nil, err
	}
	password, err := cachePassword(o.CacheDir)
	if err != nil {
		return nil, err
	}
	// The first start ever has no template to copy: this workspace's
	// cluster gets its own initdb, and the template is made in the
	// background once the server is up (fillCache), off the path to ready.
	template := templatePath(&o, binDir, version)
	firstInit := func(data string) error { return initCluster(ctx, acct, binDir, password, data) }
	e, note, err := openCluster(ctx, &o, acct, template, version, firstInit)
	if err != nil {
		return nil, err
	}
	s := &Server{version: version, embedded: e, Note: note}
	e.maxLocks = maxLocks(o.SchemaStatements)
	err = s.bootEmbedded(ctx, acct, binDir, password)
	if err != nil && !e.fresh && ctx.Err() == nil {
		// A reused data directory that no longer starts (a crash mid-write,
		// a disk that filled up) is only a cache: set it aside and start
		// from the template, rather than leave the user to clean up.
		e.abort()
		aside := e.dataDir() + ".broken-" + time.Now().Format("20060102-150405")
		if rerr := os.Rename(e.dataDir(), aside); rerr == nil {
			s.Note = strings.TrimSpace(s.Note + fmt.Sprintf(" The workspace's cluster did not start (%s); it was moved to %s and rebuilt.", firstLineOf(err), aside))
			if err = e.prepare(&o, acct, template); err == nil {
				err = s.bootEmbedded(ctx, acct, binDir, password)
			}
		}
	}
	if err == nil {
		err = s.ensureLocalRole(ctx, password)
	}
	if err == nil {
		err = s.sweepSchemas(ctx)
	}
	if err != nil {
		e.abort()
		e.release()
		return nil, err
	}
	s.background = fillCache(o, acct, binDir, version, password, template)
	return s, nil
}

// fillCache makes, in the background, what the next start will want: the
// template (after the first start ever) and a spare copy of it for the next
// new workspace. The returned channel is closed when it is done; Stop waits
// for it, so nothing is left half made. A failure only costs a later start
// the work.
func fillCache(o Options, acct *account, binDir, version, password, template string) chan struct{} {
	done := make(chan struct{})
	o.Progress = nil // the user's server is ready; this is housekeeping
	go func() {
		defer close(done)
		if !validCluster(template) {
			ctx, cancel := context.WithTimeout(o.interrupt(), 5*time.Minute)
			defer cancel()
			if _, err := ensureTemplate(ctx, &o, acct, binDir, version, password); err != nil {
				return
			}
		}
		if spare := refillSpare(o.CacheDir, template, acct); spare != nil {
			<-spare
		}
	}()
	return done
}

// openCluster locks the workspace's cluster and makes sure its data
// directory exists and has no stale server. When another jig holds the
// workspace's cluster, this one gets a private cluster of its own.
func openCluster(ctx context.Context, o *Options, acct *account, template, version string, firstInit func(data string) error) (*embedded, string, error) {
	clusters := filepath.Join(o.CacheDir, "clusters")
	if err := os.MkdirAll(clusters, 0o755); err != nil {
		return nil, "", err
	}
	sweepEphemeral(clusters)
	sweepOrphans(clusters)
	sweepLibraryLogs(clusters)
	key := clusterKey(o.Workspace, version)
	e := &embedded{clusterDir: filepath.Join(clusters, key), firstInit: firstInit}
	var note string
	lock, err := tryLockFile(e.clusterDir + ".lock")
	if err != nil {
		return nil, "", err
	}
	if lock == nil {
		note = fmt.Sprintf("this workspace is open in another jig (pid %d); using a private server", holderPID(e.clusterDir+".lock"))
		e.clusterDir = filepath.Join(clusters, fmt.Sprintf("%s-tmp-%d-%s", key, os.Getpid(), randomHex(3)))
		e.ephemeral = true
		// Created already locked: another jig's sweepEphemeral takes any
		// private cluster lock it can as a dead jig's, and would delete
		// this cluster while it is being made.
		if lock, err = createLocked(e.clusterDir + ".lock"); err != nil {
			return nil, "", fmt.Errorf("locking a private cluster: %w", err)
		}
	}
	e.lock = lock
	if err := e.prepare(o, acct, template); err != nil {
		e.release()
		return nil, "", err
	}
	if o.Workspace != "" && !e.ephemeral {
		// Remembered so a later start can remove clusters of workspaces
		// that no longer exist (temp dirs in tests, deleted checkouts).
		os.WriteFile(e.clusterDir+".workspace", []byte(o.Workspace), 0o644)
	}
	return e, note, nil
}

func (e *embedded) prepare(o *Options, acct *account, template string) error {
	if err := mkdirOwned(e.clusterDir, acct); err != nil {
		return err
	}
	if err := os.Chmod(e.clusterDir, 0o700); err != nil {
		return err
	}
	data := e.dataDir()
	e.fresh = !validCluster(data) || ranInEarlierBoot(e.clusterDir)
	if e.fresh {
		os.RemoveAll(data)       // a half copy from a killed jig
		removeTempSiblings(data) // or its temp copy (we hold the cluster's lock)
		switch {
		case claimSpare(template, data):
		case validCluster(template):
			o.Progress.report(Progress{Step: StepCopy, Message: "preparing this workspace's cluster"})
			if err := copyCluster(template, data, acct); err != nil {
				return err
			}
		default:
			o.Progress.report(Progress{Step: StepInit, Message: "initialising Postgres (first run only)"})
			if err := e.firstInit(data); err != nil {
				return err
			}
		}
	}
	if err := stopStale(data); err != nil {
		return err
	}
	return mkdirOwned(filepath.Join(e.clusterDir, "log"), acct)
}

func (e *embedded) dataDir() string { return filepath.Join(e.clusterDir, "data") }

// abort stops a server that started but could not be set up (and is
// Stop's last step): it closes the ready connection, stops the postmaster
// and closes the log. False when the server needed more than a fast
// shutdown.
func (e *embedded) abort() bool {
	e.readyMu.Lock()
	if e.ready != nil {
		e.ready.Close(context.Background())
		e.ready = nil
	}
	e.readyMu.Unlock()
	clean := true
	if e.pm != nil {
		clean = e.pm.stop()
		e.pm = nil
	}
	if e.logFile != nil {
		e.logFile.Close()
		e.logFile = nil
	}
	return clean
}

// release unlocks and, for a private cluster, deletes it.
func (e *embedded) release() {
	if e.ephemeral {
		os.RemoveAll(e.clusterDir)
		os.Remove(e.clusterDir + ".lock")
	}
	e.lock.unlock()
}

// ephemeralLock matches a private cluster's lock file name (see
// openCluster) and never a workspace's: cluster keys end in "-pg<version>",
// even when the workspace's own name contains "-tmp-".
var ephemeralLock = regexp.MustCompile(`-pg[0-9.]+-tmp-[0-9]+-[0-9a-f]{6}\.lock$`)

// sweepEphemeral removes private clusters whose jig died (their lock is free).
func sweepEphemeral(clusters string) {
	matches, _ := filepath.Glob(filepath.Join(clusters, "*-tmp-*.lock"))
	for _, l := range matches {
		if !ephemeralLock.MatchString(filepath.Base(l)) {
			continue
		}
		lock, err := tryLockFile(l)
		if err != nil || lock == nil {
			continue
		}
		dir := strings.TrimSuffix(l, ".lock")
		stopStale(filepath.Join(dir, "data"))
		os.RemoveAll(dir)
		os.Remove(l)
		lock.unlock()
	}
}

// sweepOrphans removes the clusters of workspaces whose folder is gone,
// unless a jig is using them.
func sweepOrphans(clusters string) {
	marks, _ := filepath.Glob(filepath.Join(clusters, "*.workspace"))
	for _, m := range marks {
		ws, err := os.ReadFile(m)
		if err != nil {
			continue
		}
		if _, err := os.Stat(string(ws)); err == nil || !errors.Is(err, os.ErrNotExist) {
			continue
		}
		dir := strings.TrimSuffix(m, ".workspace")
		lock, err := tryLockFile(dir + ".lock")
		if err != nil || lock == nil {
			continue
		}
		stopStale(filepath.Join(dir, "data"))
		os.RemoveAll(dir)
		os.Remove(m)
		os.Remove(dir + ".lock")
		lock.unlock()
	}
}

// serverSettings are the postmaster's -c settings. A scratch server for
// tests: small shared memory and no WAL shipping start faster (measured
// ~35% here) and are plenty for a runner's connections. Its log is its
// stderr, which jig points at the cluster's log file (no collector process
// to start and stop).
var serverSettings = map[string]string{
	"listen_addresses":        "127.0.0.1",
	"unix_socket_directories": "",
	"logging_collector":       "off",
	"synchronous_commit":      "off",
	"shared_buffers":          "32MB",
	"huge_pages":              "off",
	"wal_level":               "minimal",
	"max_wal_senders":         "0",
}

// settings are serverSettings plus the lock table sized for the
// workspace's schema: 10,000 tables overflow the default.
func (e *embedded) settings() map[string]string {
	out := map[string]string{"max_locks_per_transaction": strconv.Itoa(e.maxLocks)}
	for k, v := range serverSettings {
		out[k] = v
	}
	return out
}

// bootEmbedded starts the postmaster on the cluster and waits until it
// accepts a connection (kept for the first Connect).
func (s *Server) bootEmbedded(ctx context.Context, acct *account, binDir, password string) error {
	e := s.embedded
	logPath := filepath.Join(e.clusterDir, "log", "postgres.log")
	var err error
	if e.logFile, err = os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err != nil {
		return err
	}
	// The account's, as when the server made it: a jig that runs the
	// server's own log collector (older ones did) must be able to open it.
	if err := acct.chown(logPath); err != nil {
		return err
	}
	from, _ := e.logFile.Seek(0, io.SeekEnd)
	// A free port is only free until someone takes it: another jig starting
	// at the same moment can pick the same one. Such a clash is retried on a
	// new port; anything else is reported with the log's own words (a
	// private cluster's log is deleted with it).
	for attempt := 1; ; attempt++ {
		if e.port, err = freePort(); err != nil {
			return err
		}
		s.cfg, err = pgx.ParseConfig(fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=postgres sslmode=disable", e.port, superuser))
		if err != nil {
			return err
		}
		s.cfg.Password = password
		if err := markBoot(e.clusterDir); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if e.pm, err = startPostmaster(acct, binDir, e.dataDir(), e.port, durabilitySettings(e.settings()), e.logFile); err != nil {
			return err
		}
		e.ready, err = e.pm.waitReady(ctx, s.cfg, e.dataDir(), 30*time.Second)
		if err == nil {
			break
		}
		e.pm.stop()
		e.pm = nil
		if ctx.Err() != nil {
			return ctx.Err()
		}
		tail := logTail(logPath, from, 5)
		if attempt < 3 && portClash(err.Error()+tail) {
			continue
		}
		return fmt.Errorf("starting Postgres %s as %s (log: %s): %w%s", s.version, acct, logPath, err, tail)
	}
	e.passfile, err = writePassfile(filepath.Dir(filepath.Dir(e.clusterDir)), password)
	return err
}

// sweepLibraryLogs removes the temp logs that jigs before this one left in
// $TMPDIR (embedded-postgres made one per start and never removed it):
// only those naming this cache's clusters, so another program's are left
// alone.
func sweepLibraryLogs(clusters string) {
	files, _ := filepath.Glob(filepath.Join(os.TempDir(), "embedded_postgres_log*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && bytes.Contains(b, []byte(clusters+string(filepath.Separator))) {
			os.Remove(f)
		}
	}
}

// logTail is the last n lines written to the server log from offset from
// on that say why it stopped (FATAL, PANIC, ERROR, HINT), indented, or "".
func logTail(path string, from int64, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if from > 0 && from <= int64(len(b)) {
		b = b[from:]
	}
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "FATAL:") || strings.Contains(l, "PANIC:") || strings.Contains(l, "ERROR:") || strings.Contains(l, "HINT:") {
			keep = append(keep, "  "+l)
		}
	}
	if len(keep) == 0 {
		return ""
	}
	return "\nthe server log says:\n" + strings.Join(keep[max(0, len(keep)-n):], "\n")
}

// portClash reports whether a failed start says the port was taken.
func portClash(msg string) bool {
	for _, m := range []string{"already listening on port", "could not bind", "Address already in use", "could not create any TCP/IP sockets"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

func firstLineOf(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port on 127.0.0.1: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// writePassfile writes a libpq password file (0600) so the DSNs jig prints
// carry no password but psql and pgx can still connect: as the superuser
// (DSN) and as the workspace role (WorkspaceDSN).
func writePassfile(cacheDir, password string) (string, error) {
	path := filepath.Join(cacheDir, "pgpass")
	line := "127.0.0.1:*:*:" + superuser + ":" + password + "\n" +
		"127.0.0.1:*:*:" + localRole + ":" + rolePassword(password) + "\n"
	if b, err := os.ReadFile(path); err == nil && string(b) == line {
		return path, nil
	}
	tmp := tempSibling(path)
	if err := os.WriteFile(tmp, []byte(line), 0o600); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// Stop stops the server gracefully (or drops the private schema in DSN
// mode). It is safe to call more than once and from a signal handler's
// goroutine.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		if e := s.embedded; e != nil {
			if !e.abort() {
				s.stopErr = fmt.Errorf("the server did not stop on a fast shutdown and was stopped harder; see %s", s.LogPath())
			}
			if s.background != nil {
				<-s.background // never leave a half-made template or spare behind
			}
			e.release()
			return
		}
		s.stopErr = s.dropPrivateSchema()
	})
	return s.stopErr
}

// DSN is a connection string for psql or any libpq client, without the
// password: it names a 0600 passfile instead (embedded server), or is the
// user's DSN with its password masked (DSN mode).
func (s *Server) DSN() string {
	if s.embedded != nil {
		q := url.Values{"sslmode": {"disable"}, "passfile": {s.embedded.passfile}}
		return fmt.Sprintf("postgres://%s@127.0.0.1:%d/postgres?%s", superuser, s.embedded.port, q.Encode())
	}
	return RedactSecrets(s.cfg.ConnString())
}

// Describe is a one-line summary for status bars: "Postgres 17.5 on 127.0.0.1:5433".
func (s *Server) Describe() string {
	if s.embedded != nil {
		return "Postgres " + s.version + " on 127.0.0.1:" + strconv.Itoa(s.embedded.port)
	}
	return "Postgres " + s.version + " at " + s.cfg.Host + " (schema " + s.schema + ")"
}

// Version is the server's version, e.g. "17.5".
func (s *Server) Version() string { return s.version }

// Schema is the schema jig works in: "public" on the embedded server, the
// private schema in DSN mode.
func (s *Server) Schema() string {
	if s.schema != "" {
		return s.schema
	}
	return "public"
}

// LogPath is the server's log file ("" in DSN mode).
func (s *Server) LogPath() string {
	if s.embedded == nil {
		return ""
	}
	return filepath.Join(s.embedded.clusterDir, "log", "postgres.log")
}

// Connect opens a new connection whose search_path is the server's schema,
// as the superuser (or the DSN's user): for jig's own set-up, never for
// workspace SQL (ConnectWorkspace).
func (s *Server) Connect(ctx context.Context) (*pgx.Conn, error) {
	if e := s.embedded; e != nil {
		e.readyMu.Lock()
		conn := e.ready
		e.ready = nil
		e.readyMu.Unlock()
		if conn != nil && !conn.IsClosed() {
			return conn, nil
		}
	}
	cfg := s.cfg.Copy()
	if s.schema != "" {
		cfg.RuntimeParams["search_path"] = s.schema
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", s.Describe(), err)
	}
	return conn, nil
}

// ConnConfig returns a copy of the connection configuration (password
// included: keep it in memory).
func (s *Server) ConnConfig() *pgx.ConnConfig { return s.cfg.Copy() }
