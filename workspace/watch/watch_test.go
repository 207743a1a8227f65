package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A burst of writes (an editor's save: scratch file, write, rename) comes
// as one event naming the real files; scratch files and other extensions
// never do.
func TestWatcherDebouncesABurst(t *testing.T) {
	dir := t.TempDir()
	queries := filepath.Join(dir, "queries")
	if err := os.Mkdir(queries, 0o755); err != nil {
		t.Fatal(err)
	}
	events := make(chan Event, 8)
	w, err := New([]string{queries, filepath.Join(dir, "missing")}, []string{".sql"}, 30*time.Millisecond,
		func(e Event) { events <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(queries, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".a.sql.swp", "x")
	write("notes.txt", "x")
	write("a.sql.tmp", "select 1")
	if err := os.Rename(filepath.Join(queries, "a.sql.tmp"), filepath.Join(queries, "a.sql")); err != nil {
		t.Fatal(err)
	}
	write("b.sql", "select 2")
	want := []string{filepath.Join(queries, "a.sql"), filepath.Join(queries, "b.sql")}
	select {
	case e := <-events:
		if !slices.Equal(e.Paths, want) || e.Err != nil {
			t.Fatalf("event = %+v; want %v", e, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	select {
	case e := <-events:
		t.Fatalf("a second event for one burst: %+v", e)
	case <-time.After(150 * time.Millisecond):
	}
	if err := os.Remove(filepath.Join(queries, "b.sql")); err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-events:
		if !slices.Equal(e.Paths, want[1:]) {
			t.Fatalf("removal event = %+v; want %v", e, want[1:])
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event for a removed file")
	}
}
