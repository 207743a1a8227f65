package rows

import (
	"math"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// newColGen compiles the default generator of one column.
func newColGen(seed int64, t *workspace.Table, c *workspace.Column) *colGen {
	g := &colGen{
		table: t.Name, name: c.Name, typ: c.Type, kind: kindOf(c.Type),
		hash:   columnHash(seed, t.Name, c.Name),
		prefix: IDPrefix(t.Name, c.Name),
		hint:   textHintFor(c.Name),
		maxLen: c.Type.Length,
	}
	scalar := !c.Type.IsArray()
	keyish := isIDName(c.Name) || t.IsKey(c.Name) || c.Identity != "" || isSerial(c)
	switch {
	case scalar && keyish && (g.kind.isInt() || g.kind == kNumeric):
		g.seq, g.seqBase = true, 1
	case scalar && g.kind == kText && (isIDName(c.Name) || keyish && g.hint == hintNone):
		g.idText = true
	}
	if g.kind == kText && c.Type.Base == "bpchar" && g.maxLen == 0 && strings.HasPrefix(c.Type.Name, "character(") {
		g.maxLen = 1
	}
	g.numberRange(strings.ToLower(c.Name))
	g.dateRange(strings.ToLower(c.Name))
	g.boolHint = boolHintFor(strings.ToLower(c.Name))
	return g
}

// numRanges are the integer parts a number column's name suggests.
var numRanges = []struct {
	words  []string
	lo, hi int64
}{
	{[]string{"latitude", "lat"}, -90, 90},
	{[]string{"longitude", "lon", "lng"}, -180, 180},
	{[]string{"age"}, 18, 80},
	{[]string{"year"}, 2000, 2025},
	{[]string{"month"}, 1, 12},
	{[]string{"day"}, 1, 28},
	{[]string{"hour"}, 0, 23},
	{[]string{"minute", "second"}, 0, 59},
	{[]string{"percent", "pct"}, 0, 100},
	{[]string{"score", "rating", "stars"}, 1, 5},
	{[]string{"quantity", "qty", "count", "num"}, 1, 10},
	{[]string{"ms", "millis"}, 1, 60000},
	{[]string{"duration", "seconds", "secs"}, 1, 3600},
	{[]string{"amount", "price", "cost", "total", "revenue", "balance", "fee", "salary", "gross", "net"}, 1, 1000},
}

func nameHas(name string, word string) bool {
	for _, part := range strings.Split(name, "_") {
		if part == word {
			return true
		}
	}
	return false
}

func (g *colGen) numberRange(name string) {
	lo, hi := int64(1), int64(1000)
	switch g.kind {
	case kInt2:
		hi = 100
	case kInt8:
		hi = 100000
	case kNumeric:
		g.decimals = 2
		if g.typ.Precision > 0 {
			g.decimals = min(g.typ.Scale, 2)
		}
	case kFloat4, kFloat8:
		g.decimals = 2
	}
	for _, r := range numRanges {
		for _, w := range r.words {
			if nameHas(name, w) {
				lo, hi = r.lo, r.hi
			}
		}
	}
	if g.seq {
		g.decimals = 0
	}
	p := pow10(g.decimals)
	tLo, tHi := g.typeUnits()
	g.loU, g.hiU = max(lo*p, tLo), min(hi*p, tHi)
	if g.seq {
		g.loU, g.hiU = 1, tHi
	}
}

// typeUnits is the range of the type in units of 10^-decimals.
func (g *colGen) typeUnits() (int64, int64) {
	switch {
	case g.kind.isInt():
		return -intLimit(g.kind), intLimit(g.kind)
	case g.kind == kNumeric && g.typ.Precision > 0:
		digits := min(g.typ.Precision-g.typ.Scale+g.decimals, 17)
		if g.seq {
			digits = min(g.typ.Precision-g.typ.Scale, 17)
		}
		m := pow10(max(digits, 0)) - 1
		return -m, m
	}
	return -1e15, 1e15
}

func (g *colGen) dateRange(name string) {
	g.dateLo, g.dateSpan = 19723, 365 // 2024-01-01 and the year after
	if strings.Contains(name, "birth") || name == "dob" {
		g.dateLo, g.dateSpan = -7305, 20000 // 1950-01-01 … 2004
	}
}

func boolHintFor(name string) int8 {
	for _, w := range []string{"deleted", "archived", "disabled", "banned", "test", "removed"} {
		if nameHas(name, w) {
			return -1
		}
	}
	return 0
}

// applySpec narrows the generator to what the column's CHECKs require.
func (g *colGen) applySpec(s *spec) {
	if s.allowed != nil {
		g.allowed = intersect(g.allowed, s.allowed)
	}
	g.forbidden = append(g.forbidden, s.forbidden...)
	if s.maxLen > 0 && (g.maxLen == 0 || s.maxLen < g.maxLen) {
		g.maxLen = s.maxLen
	}
	g.minLen = max(g.minLen, s.minLen)
	if g.kind.isNumber() && (s.hasLo || s.hasHi) {
		g.applyBounds(s)
	}
}

// applyBounds intersects the generator's range with the CHECK's bounds; when
// they do not overlap, it takes a window of the CHECK's range next to the
// bound instead.
func (g *colGen) applyBounds(s *spec) {
	p := float64(pow10(g.decimals))
	tLo, tHi := g.typeUnits()
	cLo, cHi := tLo, tHi
	if s.hasLo {
		u := math.Ceil(s.lo * p)
		if s.loExcl && u == s.lo*p {
			u++
		}
		cLo = max(cLo, clampUnits(u))
	}
	if s.hasHi {
		u := math.Floor(s.hi * p)
		if s.hiExcl && u == s.hi*p {
			u--
		}
		cHi = min(cHi, clampUnits(u))
	}
	window := 1000 * int64(p)
	if g.seq {
		g.seqBase = max(g.seqBase, cLo)
		g.hiU = cHi
		return
	}
	lo, hi := max(g.loU, cLo), min(g.hiU, cHi)
	if lo > hi {
		lo, hi = cLo, min(cHi, cLo+window)
		if !s.hasLo {
			lo, hi = max(cLo, cHi-window), cHi
		}
	}
	g.loU, g.hiU = lo, hi
}

func clampUnits(f float64) int64 {
	return int64(max(min(f, 9e18), -9e18))
}

// isSerial reports a serial column: an integer defaulting to its sequence.
func isSerial(c *workspace.Column) bool {
	return strings.HasPrefix(c.Default, "nextval(")
}
