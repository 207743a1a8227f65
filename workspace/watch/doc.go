// Package watch tells when a workspace's files change on disk: it watches
// the schema, query and check folders with fsnotify and, after a burst of
// writes settles, sends one plain Event naming the files that changed. It
// knows nothing of the terminal; the workbench subscribes to it and
// reloads.
package watch
