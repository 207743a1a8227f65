package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// exitBrokenPipe is the shell's code for a process ended by SIGPIPE
// (128+13): `jig test | head -1` ends with it, quietly.
const exitBrokenPipe = 141

// stopSignals end a command the way Ctrl-C does: the run is cut short, the
// server stopped in order, exit 130. SIGHUP is a closed terminal, SIGQUIT
// Ctrl-\ (whose default, a goroutine dump and exit 2, would pass for bad
// usage and leave the server to the kernel), SIGPIPE a reader gone.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGPIPE}

// signals is a context that the first stop signal ends.
type signals struct {
	ctx    context.Context
	cancel context.CancelFunc
	ch     chan os.Signal
	pipe   atomic.Bool
}

// watchSignals starts watching; out are the streams whose closing (a
// SIGPIPE while writing them) ends the command.
func watchSignals(out ...io.Writer) *signals {
	s := &signals{ch: make(chan os.Signal, 4)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	signal.Notify(s.ch, stopSignals...)
	go func() {
		for sig := range s.ch {
			if sig == syscall.SIGPIPE {
				// Also raised by a write to a dead socket (the server
				// killed under us), which the query's error reports.
				if !anyBroken(out) {
					continue
				}
				s.pipe.Store(true)
			}
			s.cancel()
		}
	}()
	return s
}

// brokenPipe reports whether the command was ended by its output's reader
// going away.
func (s *signals) brokenPipe() bool { return s.pipe.Load() }

func (s *signals) stop() {
	signal.Stop(s.ch)
	s.cancel()
}

// quiet is a stream that says nothing more once the output's reader is
// gone: `jig test | head -1` ends without "interrupted" on the terminal.
type quiet struct {
	w io.Writer
	s *signals
}

func (q quiet) Write(p []byte) (int, error) {
	if q.s.brokenPipe() {
		return len(p), nil
	}
	return q.w.Write(p)
}

// Unwrap is the stream itself (isTerminal looks through).
func (q quiet) Unwrap() io.Writer { return q.w }

// unwrap is the stream under a quiet one: what is a terminal or not, and
// what cobra and fang write help to (they detect colours on the *os.File).
func unwrap(w io.Writer) io.Writer {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		return u.Unwrap()
	}
	return w
}

// anyBroken reports whether a stream is a pipe or socket with no reader
// left: poll says POLLERR (Linux) or POLLHUP for it.
func anyBroken(out []io.Writer) bool {
	for _, w := range out {
		f, ok := w.(*os.File)
		if !ok {
			continue
		}
		fds := []unix.PollFd{{Fd: int32(f.Fd()), Events: unix.POLLOUT}}
		if n, err := unix.Poll(fds, 0); err == nil && n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			return true
		}
	}
	return false
}

// stopped reports whether a stop signal ended the command: its errors are
// then the signal's doing, and run says "interrupted" instead.
func (c *cli) stopped() bool { return c.ctx.Err() != nil }
