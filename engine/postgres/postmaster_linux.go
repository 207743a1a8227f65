package postgres

import "syscall"

// tieToParent makes the kernel send the server SIGINT (a fast shutdown)
// the moment jig dies, however it dies: a signal it cannot catch, a
// crash, a closed pipe.
func tieToParent(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGINT }

// watchParent needs nothing more on Linux: the kernel watches.
func watchParent(pid int) (func(), error) { return func() {}, nil }
