// Package help is the full-screen list of every key, opened with ?. It
// takes the bindings as groups of data (the key maps' own bindings), so the
// screen can never disagree with what the keys do. The one-line help under
// the panes is bubbles/help, fed by the same key maps.
package help
