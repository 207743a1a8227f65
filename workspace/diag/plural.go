package diag

import (
	"fmt"
	"strings"
)

// Plural is n and noun, the noun in the plural unless n is 1: "1 row",
// "2 rows", "3 queries". Every count jig prints goes through it.
func Plural[N ~int | ~int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if k := len(noun); k > 1 && noun[k-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[k-2])) {
		noun = noun[:k-1] + "ie"
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
