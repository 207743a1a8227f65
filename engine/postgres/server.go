package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	embeddedpostgres "github.com/fergusstrange/embedded-postgres"
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
	ep         *embeddedpostgres.EmbeddedPostgres
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
	libLogs   []string // embedded-postgres's temp logs, removed at Stop
	maxLocks  int      // max_locks_per_transaction, sized for the schema
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
	o.Progress.report(Progress{Step: StepResolve, Message: "looking for Postgres " + rel.major + " binaries"})
	binDir, err := resolveBinaries(ctx, &o, rel)
	if err != nil {
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
	firstInit := func(data string) error { return initCluster(acct, binDir, password, data) }
	e, note, err := openCluster(ctx, &o, acct, template, version, firstInit)
	if err != nil {
		return nil, err
	}
	s := &Server{version: version, embedded: e, Note: note}
	e.maxLocks = maxLocks(o.SchemaStatements)
	err = s.bootEmbedded(acct, binDir, password)
	if err != nil && !e.fresh {
		// A reused data directory that no longer starts (a crash mid-write,
		// a disk that filled up) is only a cache: set it aside and start
		// from the template, rather than leave the user to clean up.
		e.abort()
		aside := e.dataDir() + ".broken-" + time.Now().Format("20060102-150405")
		if rerr := os.Rename(e.dataDir(), aside); rerr == nil {
			s.Note = strings.TrimSpace(s.Note + fmt.Sprintf(" The workspace's cluster did not start (%s); it was moved to %s and rebuilt.", firstLineOf(err), aside))
			if err = e.prepare(&o, acct, template); err == nil {
				err = s.bootEmbedded(acct, binDir, password)
			}
		}
	}
	if err == nil {
		err = s.ensureLocalRole(ctx, password)
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
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
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
	e.fresh = !validCluster(data)
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

// abort stops a server that started but could not be set up, and cleans
// the library's temp log.
func (e *embedded) abort() {
	if e.ep != nil {
		e.ep.Stop()
		e.ep = nil
	}
	if e.logFile != nil {
		e.logFile.Close()
		e.logFile = nil
	}
	e.removeLibraryLogs()
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

// bootEmbedded starts the postmaster through embedded-postgres.
func (s *Server) bootEmbedded(acct *account, binDir, password string) error {
	e := s.embedded
	shim, err := acct.shim(filepath.Dir(filepath.Dir(e.clusterDir)), binDir)
	if err != nil {
		return err
	}
	logDir := filepath.Join(e.clusterDir, "log")
	e.logFile, err = os.OpenFile(filepath.Join(logDir, "jig-start.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	major, _, _ := strings.Cut(s.version, ".")
	cfg := embeddedpostgres.DefaultConfig().
		Version(embeddedpostgres.PostgresVersion(releases[major].maven)).
		BinariesPath(shim).
		DataPath(e.dataDir()).
		RuntimePath(filepath.Join(e.clusterDir, "run")).
		CachePath(filepath.Join(filepath.Dir(filepath.Dir(e.clusterDir)), "embedded-postgres")).
		Username(superuser).Password(password).Database("postgres").
		Encoding("UTF8").Locale("C").
		StartTimeout(30 * time.Second).
		Logger(e.logFile).
		StartParameters(map[string]string{
			"listen_addresses":        "127.0.0.1",
			"unix_socket_directories": "",
			"logging_collector":       "on",
			"log_directory":           logDir,
			"log_filename":            "postgres.log",
			"log_file_mode":           "0600",
			"synchronous_commit":      "off",
			// A scratch server for tests: small shared memory and no WAL
			// shipping start faster (measured ~35% here) and are plenty for
			// a runner's connections.
			"shared_buffers":  "32MB",
			"huge_pages":      "off",
			"wal_level":       "minimal",
			"max_wal_senders": "0",
			// Sized for the workspace's schema: 10,000 tables overflow the default.
			"max_locks_per_transaction": strconv.Itoa(e.maxLocks),
		})
	logPath := filepath.Join(logDir, "postgres.log")
	// A free port is only free until someone takes it: another jig starting
	// at the same moment can pick the same one. Such a clash is retried on a
	// new port; anything else is reported with the log's own words (a
	// private cluster's log is deleted with it, and pg_ctl only says
	// "examine the log").
	for attempt := 1; ; attempt++ {
		if e.port, err = freePort(); err != nil {
			return err
		}
		e.ep = embeddedpostgres.NewDatabase(cfg.Port(uint32(e.port)))
		before := libraryLogs()
		err = e.ep.Start()
		e.libLogs = append(e.libLogs, ourLibraryLogs(before, logDir)...)
		if err == nil {
			break
		}
		tail := logTail(logPath, 5)
		if attempt < 3 && portClash(err.Error()+tail) {
			continue
		}
		return fmt.Errorf("starting Postgres %s as %s (log: %s): %w%s", s.version, acct, logPath, err, tail)
	}
	s.cfg, err = pgx.ParseConfig(fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=postgres sslmode=disable", e.port, superuser))
	if err != nil {
		return err
	}
	s.cfg.Password = password
	e.passfile, err = writePassfile(filepath.Dir(filepath.Dir(e.clusterDir)), password)
	return err
}

// libraryLogs lists embedded-postgres's temp log files (it creates one in
// $TMPDIR per Start and never removes it).
func libraryLogs() map[string]bool {
	m := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(os.TempDir(), "embedded_postgres_log*"))
	for _, f := range files {
		m[f] = true
	}
	return m
}

// ourLibraryLogs finds the temp log our Start created: a new file that
// names our log directory (Postgres writes "redirecting log output to ...
// directory" into it). Other processes' files are left alone. The library
// reopens the file by name in Stop, so it is removed only after Stop.
func ourLibraryLogs(before map[string]bool, logDir string) []string {
	var ours []string
	for f := range libraryLogs() {
		if before[f] {
			continue
		}
		b, err := os.ReadFile(f)
		if err == nil && bytes.Contains(b, []byte(logDir)) {
			ours = append(ours, f)
		}
	}
	return ours
}

func (e *embedded) removeLibraryLogs() {
	for _, f := range e.libLogs {
		os.Remove(f)
	}
	e.libLogs = nil
}

// logTail is the last n lines of the server log that say why it stopped
// (FATAL, PANIC, ERROR, HINT), indented, or "".
func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
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
		if s.background != nil {
			<-s.background // never leave a half-made template or spare behind
		}
		if s.embedded != nil {
			e := s.embedded
			// A fast shutdown signalled directly is ~3x quicker than pg_ctl
			// stop, which polls every 100 ms; pg_ctl stays the fallback.
			if pid, _ := readPostmasterPID(filepath.Join(e.dataDir(), "postmaster.pid")); pid > 0 {
				if syscall.Kill(pid, syscall.SIGINT) == nil && waitGone(pid, 10*time.Second) {
					e.logFile.Close()
					e.removeLibraryLogs()
					e.release()
					return
				}
			}
			s.stopErr = e.ep.Stop()
			if s.stopErr != nil && errors.Is(s.stopErr, embeddedpostgres.ErrServerNotStarted) {
				s.stopErr = nil
			}
			e.logFile.Close()
			e.removeLibraryLogs()
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
