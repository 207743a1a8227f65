package rows

import "strconv"

// appendText writes a text default by the column's name hint, cut to the
// column's length limit.
func (g *colGen) appendText(b []byte, r *rng) []byte {
	start := len(b)
	switch {
	case g.idText:
		b = g.appendID(b, r)
	case g.hint == hintEmail:
		b = appendLower(b, pick(r, firstNames))
		b = r.appendAlnum(append(b, '.'), 4)
		b = append(b, "@example.com"...)
	case g.hint == hintFirstName:
		b = append(b, pick(r, firstNames)...)
	case g.hint == hintLastName:
		b = append(b, pick(r, lastNames)...)
	case g.hint == hintFullName:
		b = append(b, pick(r, firstNames)...)
		b = append(append(b, ' '), pick(r, lastNames)...)
	case g.hint == hintUsername:
		b = appendLower(b, pick(r, firstNames))
		b = strconv.AppendInt(b, r.between(1, 99), 10)
	case g.hint == hintCity:
		b = append(b, pick(r, cities)...)
	case g.hint == hintCountry && (g.maxLen == 0 || g.maxLen > 3):
		b = append(b, pick(r, countryNames)...)
	case g.hint == hintCountry || g.hint == hintCountryCode:
		b = append(b, pick(r, countryCodes)...)
	case g.hint == hintCurrency:
		b = append(b, pick(r, currencies)...)
	case g.hint == hintStatus:
		b = append(b, pick(r, statuses)...)
	case g.hint == hintBrowser:
		b = append(b, pick(r, browsers)...)
	case g.hint == hintURL:
		b = r.appendAlnum(append(b, "https://example.com/"...), 6)
	case g.hint == hintPhone:
		b = strconv.AppendInt(append(b, "+1-555-01"...), r.between(10, 99), 10)
	case g.hint == hintIP:
		b = g.appendNet(b, r)
	case g.hint == hintProse:
		b = append(b, pick(r, words)...)
		b = append(append(b, ' '), pick(r, words)...)
	default:
		b = append(append(b, g.prefix...), '_')
		b = r.appendAlnum(b, 4)
	}
	for len(b)-start < g.minLen {
		b = append(b, 'x')
	}
	if g.maxLen > 0 && len(b)-start > g.maxLen {
		b = b[:start+g.maxLen]
	}
	return b
}

// appendID writes prefix_rand, shortening the prefix to fit a length limit
// so the random part, which makes it distinct, always survives.
func (g *colGen) appendID(b []byte, r *rng) []byte {
	p := g.prefix
	if g.maxLen > 0 && len(p)+5 > g.maxLen {
		keep := g.maxLen - 5
		if keep < 1 {
			return r.appendAlnum(b, g.maxLen)
		}
		p = p[:keep]
	}
	return r.appendAlnum(append(append(b, p...), '_'), 4)
}

func pick(r *rng, list []string) string { return list[r.intn(len(list))] }

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// appendDate writes days since 1970-01-01 as YYYY-MM-DD (proleptic
// Gregorian, Howard Hinnant's civil_from_days).
func appendDate(b []byte, days int64) []byte {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	b = append4(b, y)
	b = append2(append(b, '-'), m)
	return append2(append(b, '-'), d)
}

// appendClock writes seconds of a day as HH:MM:SS (hours may pass 23 for
// intervals).
func appendClock(b []byte, secs int64) []byte {
	b = append2(b, secs/3600)
	b = append2(append(b, ':'), secs/60%60)
	return append2(append(b, ':'), secs%60)
}

func append2(b []byte, v int64) []byte {
	if v < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, v, 10)
}

func append4(b []byte, v int64) []byte {
	for q := int64(1000); q > 1 && v < q; q /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, v, 10)
}
