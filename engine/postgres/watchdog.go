package postgres

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// watchdog ties a process's life to jig's where the kernel cannot
// (Pdeathsig is Linux only): a small shell holds the read end of a pipe
// whose only write end is jig's, and sends the process SIGINT (a fast
// shutdown for a postmaster) when its read ends — when jig dies, however it
// dies, the kernel closes the write end.
type watchdog struct {
	cmd *exec.Cmd
	w   *os.File
}

func startWatchdog(pid int) (*watchdog, error) {
	r, w, err := os.Pipe() // close-on-exec: no other child inherits w
	if err != nil {
		return nil, fmt.Errorf("starting the server's watchdog: %w", err)
	}
	defer r.Close()
	cmd := exec.Command("/bin/sh", "-c", `read _; kill -INT "$1" 2>/dev/null; exit 0`, "jig-watchdog", strconv.Itoa(pid))
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // not stopped by jig's terminal
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("starting the server's watchdog: %w", err)
	}
	return &watchdog{cmd: cmd, w: w}, nil
}

// untie ends the watchdog without a signal, once the process is gone: its
// pid may be reused, and the watchdog must not signal whatever has it now.
func (d *watchdog) untie() {
	d.cmd.Process.Kill()
	d.w.Close()
	d.cmd.Wait()
}
