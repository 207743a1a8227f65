package rows

import (
	"strconv"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// colGen makes the default values of one column. It is compiled once per
// factory so generating a value is a few arithmetic steps and one string.
type colGen struct {
	table, name string
	typ         workspace.Type
	kind        kind
	hash        uint64
	seq         bool   // integer key: counts from seqBase by row
	seqBase     int64  //
	idText      bool   // text identifier: prefix_rand
	prefix      string //
	hint        textHint
	boolHint    int8  // -1 false, 0 random, 1 true
	loU, hiU    int64 // numbers: range in units of 10^-decimals
	decimals    int
	dateLo      int64 // dates: first day (days since 1970-01-01)
	dateSpan    int64
	maxLen      int      // text limit: varchar(n), char(n), length() checks
	minLen      int      // from length() >= n checks
	allowed     []string // from = ANY (ARRAY[...]) checks
	forbidden   []string // from <> and <> ALL checks
}

// value is the default of the column at a row position.
func (g *colGen) value(row, attempt int) Value {
	var buf [64]byte
	r := newRNG(g.hash, row, attempt)
	if g.typ.IsArray() {
		return Value{Text: string(g.appendArray(buf[:0], &r, row, g.typ.ArrayDims))}
	}
	for try := 0; ; try++ {
		b := g.appendScalar(buf[:0], &r, row, attempt)
		if try > 8 || !contains(g.forbidden, b) {
			return Value{Text: string(b)}
		}
	}
}

func contains(list []string, b []byte) bool {
	for _, s := range list {
		if s == string(b) {
			return true
		}
	}
	return false
}

// appendArray writes a literal of two elements per dimension.
func (g *colGen) appendArray(b []byte, r *rng, row, dims int) []byte {
	b = append(b, '{')
	for i := 0; i < 2; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		if dims > 1 {
			b = g.appendArray(b, r, row, dims-1)
			continue
		}
		var eb [64]byte
		e := g.appendScalar(eb[:0], r, row, int(r.next()%1000)+1)
		b = appendArrayElem(b, string(e))
	}
	return append(b, '}')
}

// appendScalar writes one element value.
func (g *colGen) appendScalar(b []byte, r *rng, row, attempt int) []byte {
	if len(g.allowed) > 0 {
		return append(b, g.allowed[r.intn(len(g.allowed))]...)
	}
	switch g.kind {
	case kInt2, kInt4, kInt8, kNumeric, kFloat4, kFloat8:
		return g.appendNumber(b, r, row, attempt)
	case kBool:
		if g.boolHint > 0 || g.boolHint == 0 && r.next()&1 == 1 {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case kText:
		return g.appendText(b, r)
	case kChar:
		return append(b, 'a'+byte(r.intn(26)))
	case kDate:
		return appendDate(b, g.dateLo+r.between(0, g.dateSpan))
	case kTime, kTimetz:
		b = appendClock(b, r.between(0, 86399))
		if g.kind == kTimetz {
			b = append(b, "+00"...)
		}
		return b
	case kTimestamp, kTimestamptz:
		b = appendDate(b, g.dateLo+r.between(0, g.dateSpan))
		b = appendClock(append(b, ' '), r.between(0, 86399))
		if g.kind == kTimestamptz {
			b = append(b, "+00"...)
		}
		return b
	case kInterval:
		return appendClock(b, r.between(60, 36*3600))
	case kUUID:
		return appendUUID(b, r.next(), r.next())
	case kJSON, kJSONB:
		b = append(b, `{"id": `...)
		b = strconv.AppendInt(b, r.between(1, 999), 10)
		b = append(b, `, "tag": "`...)
		return append(r.appendAlnum(b, 4), `"}`...)
	case kBytea:
		return appendHex(append(b, `\x`...), r.next(), 4)
	case kInet, kCidr:
		return g.appendNet(b, r)
	case kEnum:
		return append(b, g.typ.Enum[r.intn(len(g.typ.Enum))]...)
	}
	return b
}

func (g *colGen) appendNumber(b []byte, r *rng, row, attempt int) []byte {
	var u int64
	if g.seq {
		u = g.seqValue(row, attempt)
	} else {
		u = r.between(g.loU, g.hiU)
	}
	return appendUnits(b, u, g.decimals)
}

// seqValue counts 1, 2, 3… by row; attempt n (a value taken by an override)
// jumps n thousands ahead, wrapping inside the type's range.
func (g *colGen) seqValue(row, attempt int) int64 {
	v := g.seqBase + int64(row) + int64(attempt)*1000
	if lim := g.hiU; v > lim {
		span := lim - g.seqBase + 1
		if span <= 0 {
			return g.seqBase
		}
		v = g.seqBase + (v-g.seqBase)%span
	}
	return v
}

// appendUnits writes u·10^-d as a decimal.
func appendUnits(b []byte, u int64, d int) []byte {
	if d == 0 {
		return strconv.AppendInt(b, u, 10)
	}
	if u < 0 {
		b = append(b, '-')
		u = -u
	}
	p := pow10(d)
	b = strconv.AppendInt(b, u/p, 10)
	b = append(b, '.')
	frac := u % p
	for q := p / 10; q > 0; q /= 10 {
		b = append(b, byte('0'+frac/q%10))
	}
	return b
}

func pow10(d int) int64 {
	p := int64(1)
	for ; d > 0; d-- {
		p *= 10
	}
	return p
}

func (g *colGen) appendNet(b []byte, r *rng) []byte {
	x := r.next()
	b = append(b, "10."...)
	b = strconv.AppendInt(b, int64(x&0xff), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(x>>8&0xff), 10)
	if g.kind == kCidr {
		return append(b, ".0/24"...)
	}
	b = append(b, '.')
	return strconv.AppendInt(b, int64(x>>16%254)+1, 10)
}

const hexDigits = "0123456789abcdef"

func appendHex(b []byte, x uint64, n int) []byte {
	for i := 0; i < n; i++ {
		c := byte(x >> (8 * i))
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// appendUUID writes a version-4-shaped uuid from 128 random bits.
func appendUUID(b []byte, hi, lo uint64) []byte {
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // RFC 4122 variant
	var raw [16]byte
	for i := 0; i < 8; i++ {
		raw[i] = byte(hi >> (56 - 8*i))
		raw[8+i] = byte(lo >> (56 - 8*i))
	}
	for i, c := range raw {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// appendArrayElem writes one element of an array literal, quoted when
// Postgres would otherwise read it differently.
func appendArrayElem(b []byte, s string) []byte {
	if !needsArrayQuote(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func needsArrayQuote(s string) bool {
	if s == "" || strings.EqualFold(s, "null") {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '}', ',', '"', '\\', ' ', '\t', '\n', '\r', '\v', '\f':
			return true
		}
	}
	return false
}
