package rows

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseTemporal reads ISO 8601 dates, times and timestamps ('T' or a space
// between date and time), with an offset (Z, +HH, +HH:MM, +HHMM) where the
// type has a time zone. A timestamptz with an offset is normalised to UTC;
// without one it is left to the session's time zone, as Postgres does.
func parseTemporal(k kind, s string) (string, string, error) {
	if l := strings.ToLower(s); (l == "infinity" || l == "-infinity") && (k == kDate || k == kTimestamp || k == kTimestamptz) {
		return l, "", nil
	}
	switch k {
	case kDate:
		d, err := parseDate(s)
		return d, "", err
	case kTime, kTimetz:
		clock, off, why, err := splitOffset(s, k == kTimetz)
		if err != nil {
			return "", why, err
		}
		c, err := parseClock(clock)
		return c + off, "", err
	}
	date, rest, _ := strings.Cut(s, " ")
	if d, r, ok := strings.Cut(s, "T"); ok && !strings.Contains(d, " ") {
		date, rest = d, r
	}
	d, err := parseDate(date)
	if err != nil {
		return "", "", err
	}
	clock, off, why, err := splitOffset(strings.TrimSpace(rest), k == kTimestamptz)
	if err != nil {
		return "", why, err
	}
	c := "00:00:00"
	if clock != "" {
		if c, err = parseClock(clock); err != nil {
			return "", "", err
		}
	}
	if off != "" {
		return toUTC(d, c, off)
	}
	return d + " " + c, "", nil
}

func parseDate(s string) (string, error) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", errSyntax
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || !allDigits(p) || i > 0 && len(p) > 2 {
			return "", errSyntax
		}
		n[i] = v
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if n[0] < 1 || t.Month() != time.Month(n[1]) || t.Day() != n[2] {
		return "", errSyntax
	}
	return t.Format("2006-01-02"), nil
}

// parseClock reads H[H]:MM[:SS[.ffffff]] and prints HH:MM:SS[.f] with
// trailing fraction zeros dropped, as Postgres prints it.
func parseClock(s string) (string, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", errSyntax
	}
	sec, frac := "00", ""
	if len(parts) == 3 {
		sec, frac, _ = strings.Cut(parts[2], ".")
		if len(frac) > 6 || !allDigits(frac) || strings.Contains(parts[2], ".") && frac == "" {
			return "", errSyntax
		}
	}
	var v [3]int
	for i, p := range []string{parts[0], parts[1], sec} {
		n, err := strconv.Atoi(p)
		if err != nil || !allDigits(p) || len(p) == 0 || len(p) > 2 || i > 0 && len(p) != 2 {
			return "", errSyntax
		}
		v[i] = n
	}
	frac = strings.TrimRight(frac, "0")
	if v[0] > 24 || v[1] > 59 || v[2] > 59 || v[0] == 24 && (v[1] > 0 || v[2] > 0 || frac != "") {
		return "", errSyntax
	}
	out := fmt.Sprintf("%02d:%02d:%02d", v[0], v[1], v[2])
	if frac != "" {
		out += "." + frac
	}
	return out, nil
}

// splitOffset separates a trailing time zone offset; allowed says whether
// the type has one.
func splitOffset(s string, allowed bool) (clock, off, why string, err error) {
	i := strings.LastIndexAny(s, "+-Zz")
	if i < 0 {
		return s, "", "", nil
	}
	if !allowed {
		return "", "", "this type has no time zone: drop the offset or use a type with time zone", errSyntax
	}
	clock, raw := strings.TrimSpace(s[:i]), s[i:]
	if raw == "Z" || raw == "z" {
		return clock, "+00", "", nil
	}
	h, m, _ := strings.Cut(raw[1:], ":")
	if m == "" && len(h) == 4 {
		h, m = h[:2], h[2:]
	}
	hv, err1 := strconv.Atoi(h)
	mv, err2 := strconv.Atoi("0" + m)
	if err1 != nil || err2 != nil || len(h) > 2 || len(m) > 2 || hv > 15 || mv > 59 || !allDigits(h) || !allDigits(m) {
		return "", "", "bad time zone offset", errSyntax
	}
	off = raw[:1] + fmt.Sprintf("%02d", hv)
	if mv != 0 {
		off += fmt.Sprintf(":%02d", mv)
	}
	if hv == 0 && mv == 0 {
		off = "+00"
	}
	return clock, off, "", nil
}

// toUTC converts a timestamp with an offset to UTC, keeping the fraction.
func toUTC(date, clock, off string) (string, string, error) {
	base, frac, _ := strings.Cut(clock, ".")
	layout := "2006-01-02 15:04:05-07"
	if strings.Contains(off, ":") {
		layout += ":00"
	}
	t, err := time.Parse(layout, date+" "+strings.Replace(base, "24:00:00", "00:00:00", 1)+off)
	if err != nil {
		return "", "", err
	}
	if strings.HasPrefix(base, "24:") {
		t = t.Add(24 * time.Hour)
	}
	out := t.UTC().Format("2006-01-02 15:04:05")
	if frac != "" {
		out += "." + frac
	}
	return out + "+00", "", nil
}
