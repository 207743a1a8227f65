package rows

import "strings"

// IDPrefix is the readable part of a generated identifier: the column's stem
// shortened to at most four letters.
//
// The stem is the column name without its _id (or _uuid) suffix; for a
// column named just id or uuid it is the table name, singular (events →
// event). Only the letters a–z of the stem count. The prefix is the stem's
// first letter followed by its consonants (vowels a, e, i, o, u dropped,
// repeated letters once), cut to four: event_id → evnt, browser_id → brws,
// account_id → acnt, order_line_id → ordr. When that leaves fewer than four
// letters, the stem's first four letters are used instead: user_id → user,
// session_id → sess. A stem shorter than four letters is used whole (ip_id →
// ip).
//
// A generated text identifier is the prefix, an underscore and four random
// letters or digits: evnt_x7F2.
func IDPrefix(table, column string) string {
	stem := letters(idStem(table, column))
	if stem == "" {
		return "id"
	}
	b := make([]byte, 0, 4)
	b = append(b, stem[0])
	for i := 1; i < len(stem) && len(b) < 4; i++ {
		c := stem[i]
		if isVowel(c) || c == b[len(b)-1] {
			continue
		}
		b = append(b, c)
	}
	if len(b) == 4 {
		return string(b)
	}
	if len(stem) > 4 {
		return stem[:4]
	}
	return stem
}

// isIDName reports whether a column name reads as an identifier.
func isIDName(name string) bool {
	n := strings.ToLower(name)
	return n == "id" || n == "uuid" || strings.HasSuffix(n, "_id") || strings.HasSuffix(n, "_uuid")
}

func idStem(table, column string) string {
	n := strings.ToLower(column)
	if n == "id" || n == "uuid" {
		return singular(strings.ToLower(table))
	}
	for _, suf := range []string{"_uuid", "_id"} {
		if strings.HasSuffix(n, suf) && len(n) > len(suf) {
			return n[:len(n)-len(suf)]
		}
	}
	return n
}

func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

func letters(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// Word lists behind the name hints. Changing them changes every golden file,
// so only ever append.
var (
	firstNames = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken",
		"Margaret", "Dennis", "Radia", "John", "Hedy", "Linus", "Karen", "Niklaus"}
	lastNames = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen",
		"Thompson", "Hamilton", "Ritchie", "Perlman", "Backus", "Lamarr", "Torvalds", "Jones", "Wirth"}
	cities       = []string{"Lisbon", "Berlin", "Osaka", "Lagos", "Lima", "Oslo", "Austin", "Pune"}
	countryCodes = []string{"PT", "DE", "JP", "NG", "PE", "NO", "US", "IN"}
	countryNames = []string{"Portugal", "Germany", "Japan", "Nigeria", "Peru", "Norway", "United States", "India"}
	currencies   = []string{"EUR", "USD", "GBP", "JPY", "CHF"}
	statuses     = []string{"active", "pending", "closed"}
	browsers     = []string{"chrome", "firefox", "safari"}
	words        = []string{"alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "tango"}
)

// textHint is what a text column's name suggests it holds.
type textHint uint8

const (
	hintNone textHint = iota
	hintEmail
	hintFirstName
	hintLastName
	hintFullName
	hintUsername
	hintCity
	hintCountry
	hintCountryCode
	hintCurrency
	hintStatus
	hintBrowser
	hintURL
	hintPhone
	hintIP
	hintProse
)

// textHintFor reads a column name; order matters (first_name before name).
func textHintFor(name string) textHint {
	n := strings.ToLower(name)
	has := func(s ...string) bool {
		for _, x := range s {
			if strings.Contains(n, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("email", "e_mail"):
		return hintEmail
	case has("first_name", "firstname", "given_name"):
		return hintFirstName
	case has("last_name", "lastname", "surname", "family_name"):
		return hintLastName
	case has("username", "user_name", "login", "handle"):
		return hintUsername
	case has("country_code", "country_iso"):
		return hintCountryCode
	case has("country"):
		return hintCountry
	case has("city", "town"):
		return hintCity
	case has("currency"):
		return hintCurrency
	case has("status"):
		return hintStatus
	case has("browser"):
		return hintBrowser
	case has("url", "website", "link", "href"):
		return hintURL
	case has("phone", "mobile"):
		return hintPhone
	case n == "ip" || has("ip_addr", "ipaddr", "ip_address"):
		return hintIP
	case has("name"):
		return hintFullName
	case has("description", "comment", "note", "body", "message", "title", "summary"):
		return hintProse
	}
	return hintNone
}
