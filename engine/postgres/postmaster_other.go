//go:build !linux

package postgres

import "syscall"

// tieToParent has no kernel help outside Linux; watchParent starts a
// watchdog instead.
func tieToParent(attr *syscall.SysProcAttr) {}

// watchParent starts the watchdog that stops the server when jig dies.
func watchParent(pid int) (func(), error) {
	d, err := startWatchdog(pid)
	if err != nil {
		return nil, err
	}
	return d.untie, nil
}
