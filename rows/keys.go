package rows

import (
	"fmt"
	"strings"
)

// keySet tracks the values each unique key (primary key first) already
// holds in a table, so defaults stay distinct. Tuples that rows override
// entirely are known before any default is drawn: a default never takes a
// value that a later row states itself.
type keySet struct {
	ct   *ctable
	used []map[string]bool
	buf  []byte
}

func newKeySet(ct *ctable, rows []Override) *keySet {
	ks := &keySet{ct: ct, used: make([]map[string]bool, len(ct.keys))}
	for k := range ct.keys {
		ks.used[k] = make(map[string]bool, len(rows))
	}
	for _, ov := range rows {
		for k, key := range ct.keys {
			if t, ok := ks.overridden(key, ov); ok {
				ks.used[k][t] = true
			}
		}
	}
	return ks
}

// overridden is the tuple of a key when the row sets all of it.
func (ks *keySet) overridden(key []int, ov Override) (string, bool) {
	ks.buf = ks.buf[:0]
	for _, j := range key {
		v, ok := ov[ks.ct.t.Columns[j].Name]
		if !ok || v.Null || v.Default {
			return "", false
		}
		ks.buf = append(append(ks.buf, v.Text...), 0)
	}
	return string(ks.buf), true
}

// tuple encodes a row's key; ok is false when a NULL or database default
// makes it exempt (NULLs never collide in a unique constraint).
func (ks *keySet) tuple(key []int, row Row) ([]byte, bool) {
	ks.buf = ks.buf[:0]
	for _, j := range key {
		v := row.Values[j]
		if v.Null || v.Default {
			return nil, false
		}
		ks.buf = append(append(ks.buf, v.Text...), 0)
	}
	return ks.buf, true
}

func (ks *keySet) ownedByOverride(key []int, row Row) bool {
	for _, j := range key {
		if !row.Overridden[j] {
			return false
		}
	}
	return true
}

// collision describes the first key whose defaults repeat a value already
// taken, or returns "".
func (ks *keySet) collision(row Row) string {
	for k, key := range ks.ct.keys {
		if ks.ownedByOverride(key, row) {
			continue
		}
		t, ok := ks.tuple(key, row)
		if ok && ks.used[k][string(t)] {
			return fmt.Sprintf("no distinct default for unique key (%s) after %d tries; override it",
				strings.Join(ks.names(key), ", "), maxAttempts)
		}
	}
	return ""
}

func (ks *keySet) add(row Row) {
	for k, key := range ks.ct.keys {
		if ks.ownedByOverride(key, row) {
			continue
		}
		if t, ok := ks.tuple(key, row); ok {
			ks.used[k][string(t)] = true
		}
	}
}

func (ks *keySet) names(key []int) []string {
	out := make([]string, len(key))
	for i, j := range key {
		out[i] = ks.ct.t.Columns[j].Name
	}
	return out
}
