package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// wsFlags are the flags every workspace command shares.
type wsFlags struct {
	dir string
	dsn string
}

func (f *wsFlags) register(cmd *cobra.Command, withDSN bool) {
	cmd.Flags().StringVarP(&f.dir, "workspace", "w", ".", "`DIR`, the workspace folder")
	cmd.RegisterFlagCompletionFunc("workspace", completeDirs)
	if withDSN {
		cmd.Flags().StringVar(&f.dsn, "dsn", "", "use an existing Postgres-wire server at `DSN` (or JIG_DSN / dsn: in jig.yaml); jig works in a private schema there")
		cmd.RegisterFlagCompletionFunc("dsn", cobra.NoFileCompletions)
	}
}

// load reads the workspace and prints every problem in it. It returns nil
// and exitUsage when the workspace has errors.
func (c *cli) load(dir string) (*workspace.Workspace, int) {
	if !c.isFolder(dir) {
		return nil, exitUsage
	}
	ws, err := workspace.Load(dir)
	c.printWarnings(ws)
	if err != nil {
		return nil, c.loadFailed(dir, err)
	}
	return ws, -1
}

// printWarnings prints what the workspace loads without but the user
// should know, each at its file:line:col: models skipped, statements of
// schema files skipped (COPY from S3, UNLOAD, GRANT).
func (c *cli) printWarnings(ws *workspace.Workspace) {
	for _, w := range ws.Warnings {
		fmt.Fprintln(c.stderr, "jig: warning: "+w.Error())
	}
	for _, f := range ws.Schema {
		for _, w := range f.Warnings {
			fmt.Fprintln(c.stderr, "jig: warning: "+w.Error())
		}
	}
}

// loadFailed prints the problems of a workspace that does not load (on
// stdout too, as JSON, for --json) and returns exitUsage.
func (c *cli) loadFailed(dir string, err error) int {
	fmt.Fprintln(c.stderr, err)
	if c.jsonProblems {
		c.writeJSONProblems(err)
	}
	var errs diag.Errors
	if es, ok := err.(diag.Errors); ok {
		errs = es
	}
	fmt.Fprintf(c.stderr, "jig: %s in workspace %s\n", diag.Plural(int64(max(len(errs), 1)), "problem"), dir)
	return exitUsage
}

// isFolder reports whether the workspace folder dir exists, saying so
// when it does not: "no such folder", not a file:line:col into nothing.
func (c *cli) isFolder(dir string) bool {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(c.stderr, "jig: no such folder: %s\n  hint: give the workspace folder with -w DIR, or create one with jig init DIR\n", dir)
	case err != nil:
		fmt.Fprintf(c.stderr, "jig: cannot open the workspace folder: %v\n", err)
	case !fi.IsDir():
		fmt.Fprintf(c.stderr, "jig: %s is a file, not a workspace folder\n  hint: -w takes the folder that holds jig.yaml\n", dir)
	default:
		return true
	}
	return false
}

// serverOptions combines jig.yaml, the environment and --dsn.
func serverOptions(ws *workspace.Workspace, dsn string) postgres.Options {
	o := postgres.WorkspaceOptions(ws)
	if dsn != "" {
		o.DSN = dsn
	}
	return o
}

// start starts the server, drawing progress on stderr.
func (c *cli) start(o postgres.Options) (*postgres.Server, error) {
	p := newProgressLine(c.stderr)
	if o.DSN == "" || p.tty {
		// Connecting to a DSN is quick, and its error names the host: off
		// a terminal, a "connecting to" line would only repeat it.
		o.Progress = p.report
	}
	o.Interrupt = c.ctx
	s, err := postgres.Start(c.ctx, o)
	p.done()
	if err == nil && s.Note != "" {
		fmt.Fprintln(c.stderr, "jig: "+s.Note)
	}
	return s, err
}

// progressLine draws start-up progress: a bar that redraws in place on a
// terminal, one line per step otherwise.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	last  postgres.Step
	drawn bool
	start time.Time
}

func newProgressLine(w io.Writer) *progressLine {
	return &progressLine{w: w, tty: isTerminal(w), last: -1, start: time.Now()}
}

func (p *progressLine) report(pr postgres.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pr.Step == postgres.StepReady || pr.Step == postgres.StepResolve {
		return // only slow steps are worth a line
	}
	if !p.tty {
		if pr.Step != p.last {
			fmt.Fprintln(p.w, "jig: "+pr.Message)
		}
		p.last = pr.Step
		return
	}
	line := "jig: " + pr.Message
	if pr.Step == postgres.StepDownload {
		line = "jig: downloading Postgres " + bar(pr.Bytes, pr.Total, 30)
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.drawn = true
	p.last = pr.Step
}

func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// bar renders "[=====>    ] 12.3/23.5 MB".
func bar(n, total int64, width int) string {
	if total <= 0 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	fill := int(float64(width) * float64(n) / float64(total))
	fill = min(max(fill, 0), width)
	b := strings.Repeat("=", fill)
	if fill < width {
		b += ">" + strings.Repeat(" ", width-fill-1)
	}
	return fmt.Sprintf("[%s] %.1f/%.1f MB", b, float64(n)/1e6, float64(total)/1e6)
}

// isTerminal reports whether s, a stream (io.Reader or io.Writer), is a
// character device (a terminal).
func isTerminal(s any) bool {
	if w, ok := s.(io.Writer); ok {
		s = unwrap(w)
	}
	f, ok := s.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// useColor reports whether to colour output to w (a terminal, NO_COLOR unset).
func useColor(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// loadAndStart loads the workspace and starts its server at the same time:
// the server needs only jig.yaml, and a CI workspace with thousands of
// fixtures takes as long to read as Postgres takes to start.
func (c *cli) loadAndStart(dir, dsn string) (*workspace.Workspace, *postgres.Server, int) {
	if !c.isFolder(dir) {
		return nil, nil, exitUsage // before a server starts for nothing
	}
	cfg := workspace.DefaultConfig()
	if data, err := os.ReadFile(filepath.Join(dir, workspace.ConfigFile)); err == nil {
		if cfg, err = workspace.ParseConfig(workspace.ConfigFile, data); err != nil {
			ws, code := c.load(dir) // reports the config's errors with the rest
			if ws == nil {
				return nil, nil, code
			}
			cfg = ws.Config
		}
	}
	type started struct {
		srv *postgres.Server
		err error
	}
	done := make(chan started, 1)
	go func() {
		srv, err := c.start(serverOptions(&workspace.Workspace{Dir: dir, Config: cfg}, dsn))
		done <- started{srv, err}
	}()
	ws, code := c.load(dir)
	s := <-done
	if ws == nil {
		if s.srv != nil {
			s.srv.Stop()
		}
		return nil, nil, code
	}
	if s.err != nil {
		return nil, nil, c.fail(s.err)
	}
	return ws, s.srv, -1
}

// openRunner starts the workspace's server and prepares a fixture runner
// on it. The caller closes both (runner first). On failure it has printed
// the error and returns the exit code.
func (c *cli) openRunner(ws *workspace.Workspace, dsn string, parallel int) (*postgres.Server, *engine.Runner, int) {
	srv, err := c.start(serverOptions(ws, dsn))
	if err != nil {
		return nil, nil, c.fail(err)
	}
	runner, err := engine.NewRunner(c.ctx, srv, ws, engine.RunnerOptions{Parallel: parallel})
	if err != nil {
		srv.Stop()
		return nil, nil, c.setupFailed(err)
	}
	return srv, runner, -1
}
