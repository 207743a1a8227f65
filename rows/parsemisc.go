package rows

import (
	"net/netip"
	"regexp"
	"strings"
)

var (
	isoInterval = regexp.MustCompile(`^P(\d+(\.\d+)?[YMWD])*(T(\d+(\.\d+)?[HMS])+)?$`)
	intervalTok = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
	clockTok    = regexp.MustCompile(`^[+-]?\d+:\d{1,2}(:\d{1,2}(\.\d{1,6})?)?$`)
	unitWords   = map[string]bool{}
)

func init() {
	for _, u := range strings.Fields(`microsecond microseconds us usec usecs millisecond milliseconds ms msec msecs
		second seconds s sec secs minute minutes m min mins hour hours h hr hrs day days d week weeks w
		month months mon mons year years y yr yrs decade decades century centuries millennium millennia`) {
		unitWords[u] = true
	}
}

// parseInterval checks the interval forms Postgres reads — "1 day 02:30:00",
// "2 hours 30 minutes", "@ 3 days ago", ISO "P1DT2H" — and keeps the text as
// typed: Postgres's own printing of intervals depends on IntervalStyle.
func parseInterval(s string) (string, error) {
	if s == "" {
		return "", errSyntax
	}
	if isoInterval.MatchString(s) && s != "P" && !strings.HasSuffix(s, "T") {
		return s, nil
	}
	f := strings.Fields(strings.ToLower(s))
	if len(f) > 0 && f[0] == "@" {
		f = f[1:]
	}
	if len(f) > 0 && f[len(f)-1] == "ago" {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return "", errSyntax
	}
	for i := 0; i < len(f); i++ {
		switch {
		case clockTok.MatchString(f[i]):
		case intervalTok.MatchString(f[i]):
			if i+1 < len(f) && unitWords[f[i+1]] {
				i++
			} else if i+1 < len(f) {
				return "", errSyntax
			}
		default:
			num := strings.TrimRight(f[i], "abcdefghijklmnopqrstuvwxyz")
			if num == f[i] || !intervalTok.MatchString(num) || !unitWords[f[i][len(num):]] {
				return "", errSyntax
			}
		}
	}
	return s, nil
}

// parseUUID accepts 32 hex digits with hyphens after any group of four and
// optional braces, and prints the canonical lower-case form.
func parseUUID(s string) (string, error) {
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		s = s[1 : len(s)-1]
	}
	var hex []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' && len(hex) > 0 && len(hex)%4 == 0 && i+1 < len(s) && s[i+1] != '-' && s[i-1] != '-':
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
			hex = append(hex, c)
		case c >= 'A' && c <= 'F':
			hex = append(hex, c+'a'-'A')
		default:
			return "", errSyntax
		}
	}
	if len(hex) != 32 {
		return "", errSyntax
	}
	h := string(hex)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

// parseBytea reads the hex form \x0102ff, or the escape form (any text,
// with \\ for a backslash and \ooo for an octal byte), and prints hex.
func parseBytea(s string) (string, error) {
	if strings.HasPrefix(s, `\x`) || strings.HasPrefix(s, `\X`) {
		h := strings.Join(strings.Fields(s[2:]), "")
		if len(h)%2 != 0 {
			return "", errSyntax
		}
		for i := 0; i < len(h); i++ {
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(h[i])) {
				return "", errSyntax
			}
		}
		return `\x` + strings.ToLower(h), nil
	}
	var raw []byte
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] != '\\':
			raw = append(raw, s[i])
		case i+1 < len(s) && s[i+1] == '\\':
			raw = append(raw, '\\')
			i++
		case i+3 < len(s) && s[i+1] >= '0' && s[i+1] <= '3' && isOctal(s[i+2]) && isOctal(s[i+3]):
			raw = append(raw, (s[i+1]-'0')<<6|(s[i+2]-'0')<<3|(s[i+3]-'0'))
			i += 3
		default:
			return "", errSyntax
		}
	}
	out := make([]byte, 0, 2+2*len(raw))
	out = append(out, `\x`...)
	for _, c := range raw {
		out = append(out, hexDigits[c>>4], hexDigits[c&15])
	}
	return string(out), nil
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// parseNet reads an address with an optional /bits. inet prints a full
// host mask without it; cidr refuses bits set right of the mask.
func parseNet(k kind, s string) (string, string, error) {
	if strings.Contains(s, "%") {
		return "", "zones are not supported", errSyntax
	}
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return "", "", err
		}
		if k == kCidr {
			return netip.PrefixFrom(a, a.BitLen()).String(), "", nil
		}
		return a.String(), "", nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return "", "", err
	}
	if k == kInet {
		if p.Bits() == p.Addr().BitLen() {
			return p.Addr().String(), "", nil
		}
		return p.String(), "", nil
	}
	if p.Masked() != p {
		return "", "bits are set right of the mask (try " + p.Masked().String() + ")", errSyntax
	}
	return p.String(), "", nil
}
