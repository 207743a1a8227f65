package postgres

import (
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The watchdog (the tie outside Linux, testable anywhere) signals its
// process when its pipe closes, and untie ends it without a signal.
func TestWatchdog(t *testing.T) {
	for _, untie := range []bool{false, true} {
		victim := exec.Command("sleep", "60")
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- victim.Wait() }()
		d, err := startWatchdog(victim.Process.Pid)
		if err != nil {
			t.Fatal(err)
		}
		if untie {
			d.untie()
			select {
			case err := <-done:
				t.Fatalf("untie signalled the process: %v", err)
			case <-time.After(200 * time.Millisecond):
			}
			victim.Process.Kill()
			<-done
			continue
		}
		// What jig's death does: the kernel closes the write end.
		d.w.Close()
		defer d.cmd.Wait()
		select {
		case err := <-done:
			ws := victim.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != syscall.SIGINT {
				t.Errorf("the process ended by %v, want SIGINT", err)
			}
		case <-time.After(2 * time.Second):
			victim.Process.Kill()
			t.Fatal("the watchdog did not signal the process within 2s of its pipe closing")
		}
	}
}
