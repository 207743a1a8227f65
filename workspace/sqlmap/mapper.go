package sqlmap

import (
	"sort"
	"strings"
)

// MaxIdent is the longest identifier Postgres keeps, in bytes.
const MaxIdent = 63

// Mapper rewrites the SQL of one worker: each declared schema to its sent
// (private) schema, public to the worker's main schema. It is read-only
// after New and safe to share.
type Mapper struct {
	main    string
	schemas map[string]*mapped // by the user's (folded) name
	order   []*mapped          // in declaration order
	byLen   []*mapped          // longest sent name first, for Unmap
	private bool               // main is jig's private name: Unmap shows it as public
	long    map[string]string  // shortened name sent → name written (see Short)
}

type mapped struct {
	*Schema
	sent string
}

// New maps each schema in decls to a private schema named after main (the
// worker's main schema) and returns the mapper; SentNames lists them.
func New(main string, decls []*Schema) *Mapper {
	m := &Mapper{main: main, schemas: map[string]*mapped{}, private: true, long: map[string]string{}}
	for i, d := range decls {
		m.add(d, SentName(main, i+1, d.Name))
	}
	return m
}

// NewIdentity maps each declared schema to itself and public to main: for a
// session where the user's schemas exist under their own names (jig serve).
func NewIdentity(main string, decls []*Schema) *Mapper {
	m := &Mapper{main: main, schemas: map[string]*mapped{}, long: map[string]string{}}
	for _, d := range decls {
		m.add(d, d.Name)
	}
	return m
}

func (m *Mapper) add(d *Schema, sent string) {
	s := &mapped{Schema: d, sent: sent}
	m.schemas[d.Name] = s
	m.order = append(m.order, s)
	m.byLen = append(m.byLen, s)
	sort.SliceStable(m.byLen, func(i, j int) bool { return len(m.byLen[i].sent) > len(m.byLen[j].sent) })
}

// SentName is the private schema for the n-th declared schema of a worker
// whose main schema is main: main_n_ plus the name's letters and digits,
// cut to MaxIdent bytes. The number makes it unique whatever the name; the
// rest is for people reading pg_namespace. Only a-z, 0-9 and _ appear, so
// Postgres never quotes it in a message.
func SentName(main string, n int, name string) string {
	var b strings.Builder
	b.WriteString(main)
	b.WriteString("_")
	b.WriteString(itoa(n))
	b.WriteString("_")
	for i := 0; i < len(name) && b.Len() < MaxIdent; i++ {
		c := name[i] | 0x20
		if c >= 'a' && c <= 'z' || name[i] >= '0' && name[i] <= '9' {
			b.WriteByte(name[i] | 0x20)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// AddObject records that the sent schema holds an object named name (as
// the catalog lists it after the schema files ran), so S.name is mapped
// even where S is also an alias. Call it before sharing the mapper.
func (m *Mapper) AddObject(sent, name string) {
	for _, s := range m.order {
		if s.sent == sent {
			s.Objects[name] = true
		}
	}
}

// Main is the worker's main schema, where public and unqualified names go.
func (m *Mapper) Main() string { return m.main }

// Sent is the schema sent for a user's schema name ("" and "public" are the
// main schema); false when the schema is not declared.
func (m *Mapper) Sent(schema string) (string, bool) {
	if schema == "" || schema == "public" {
		return m.main, true
	}
	if s := m.schemas[schema]; s != nil {
		return s.sent, true
	}
	return "", false
}

// SentSchemas lists the private schemas of the declared schemas, in the
// order they are declared.
func (m *Mapper) SentSchemas() []string {
	out := make([]string, 0, len(m.order))
	for _, s := range m.order {
		out = append(out, s.sent)
	}
	return out
}

// User is the user's name of a sent schema: "" for the main schema, false
// for a schema that is not this worker's.
func (m *Mapper) User(sent string) (string, bool) {
	if sent == m.main {
		return "", true
	}
	for _, s := range m.schemas {
		if s.sent == sent {
			return s.Name, true
		}
	}
	return "", false
}

// Unmap replaces the sent schema names in a message from Postgres by the
// names the user wrote (the main schema by public), and shortened names by
// the long ones written.
func (m *Mapper) Unmap(msg string) string {
	for short, long := range m.long {
		msg = strings.ReplaceAll(msg, short, long)
	}
	if !m.private || !strings.Contains(msg, m.main) {
		return msg
	}
	for _, s := range m.byLen {
		if s.sent != s.Name {
			msg = strings.ReplaceAll(msg, s.sent, Display(s.Name))
		}
	}
	return strings.ReplaceAll(msg, m.main, "public")
}

// Display writes a name as a user would type it: bare when Postgres would
// read it back unchanged (lower-case letters, digits, _), else quoted.
func Display(name string) string {
	if name == "" {
		return `""`
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '$')) {
			return quoteIdent(name)
		}
	}
	return name
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
