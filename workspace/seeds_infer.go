package workspace

import (
	"regexp"
	"strconv"
	"strings"
)

// SeedTypes are the types a seed column may be inferred to, in the order
// inference tries them: the first every non-empty value fits wins.
var SeedTypes = []string{"integer", "bigint", "numeric", "boolean", "date", "timestamp", "uuid", "text"}

var (
	numericRE   = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
	dateRE      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	timestampRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?$`)
	uuidRE      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// InferSeedType is the narrowest of SeedTypes that every non-empty value
// fits; text when all are empty.
func InferSeedType(values []string) string {
	fits := map[string]bool{}
	for _, t := range SeedTypes {
		fits[t] = true
	}
	nonEmpty := false
	for _, v := range values {
		if v == "" {
			continue
		}
		nonEmpty = true
		for _, t := range SeedTypes[:len(SeedTypes)-1] {
			if fits[t] && !seedFits(t, v) {
				fits[t] = false
			}
		}
	}
	if !nonEmpty {
		return "text"
	}
	for _, t := range SeedTypes {
		if fits[t] {
			return t
		}
	}
	return "text"
}

// seedFits reports whether v reads as a value of type t.
func seedFits(t, v string) bool {
	switch t {
	case "integer":
		_, err := strconv.ParseInt(v, 10, 32)
		return err == nil
	case "bigint":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "numeric":
		return numericRE.MatchString(v)
	case "boolean":
		switch strings.ToLower(v) {
		case "true", "false":
			return true
		}
		return false
	case "date":
		return dateRE.MatchString(v) && validDate(v[:10])
	case "timestamp":
		return timestampRE.MatchString(v) && validDate(v[:10]) && validClock(v[11:])
	case "uuid":
		return uuidRE.MatchString(v)
	}
	return true
}

// validDate checks the month and day of a YYYY-MM-DD that Postgres must accept.
func validDate(s string) bool {
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:10])
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return d <= days
}

// validClock checks the HH:MM[:SS] after a timestamp's date.
func validClock(s string) bool {
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) >= 8 {
		sec, _ = strconv.Atoi(s[6:8])
	}
	return h < 24 && m < 60 && sec < 60
}

// infer sets every column's type from its values.
func (s *Seed) infer() {
	vals := make([]string, len(s.Rows))
	for j := range s.Columns {
		for i, r := range s.Rows {
			vals[i] = r[j]
		}
		s.Columns[j].Type = InferSeedType(vals)
	}
}
