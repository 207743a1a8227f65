package sqlmap

import (
	"fmt"
	"hash/fnv"
	"unicode/utf8"
)

// Short is the identifier sent for name: name itself when it fits in
// MaxIdent bytes; else its first bytes (cut at a character boundary), an
// underscore and 8 hex digits of a hash of the whole name, 63 bytes in all.
// Postgres would cut both of two Redshift names that share their first 63
// bytes to the same name; Short keeps them apart, and gives the same name
// wherever jig sends it.
func Short(name string) string {
	if len(name) <= MaxIdent {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	suffix := fmt.Sprintf("_%08x", h.Sum32())
	cut := MaxIdent - len(suffix)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + suffix
}

// sendIdent is the identifier sent for a name the user wrote, remembering
// each shortened one so Long can give it back.
func (m *Mapper) sendIdent(name string) string {
	s := Short(name)
	if s != name {
		m.long[s] = name
	}
	return s
}

// Long is the name the user wrote for an identifier the catalog or a
// result gives back: a shortened name this mapper sent, else sent itself.
func (m *Mapper) Long(sent string) string {
	if l, ok := m.long[sent]; ok {
		return l
	}
	return sent
}

// Shortened reports whether the mapper has shortened any name.
func (m *Mapper) Shortened() bool { return len(m.long) > 0 }
