package sqlscan

// Significant drops whitespace and comments, the view most readers want.
func Significant(toks []Token) []Token {
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.Significant() {
			out = append(out, t)
		}
	}
	return out
}

// ScanSignificant is Significant(Scan(src)).
func ScanSignificant(src string) []Token { return Significant(Scan(src)) }

// SplitStatements cuts toks at each ; outside parentheses and brackets,
// dropping the semicolons and statements with no significant token. A ;
// inside a string, dollar quote or comment is part of that token already.
func SplitStatements(toks []Token) [][]Token {
	var out [][]Token
	start, depth := 0, 0
	flush := func(end int) {
		for _, t := range toks[start:end] {
			if t.Significant() {
				out = append(out, toks[start:end])
				break
			}
		}
	}
	for i, t := range toks {
		depth = nextDepth(t, depth)
		if depth == 0 && t.IsSymbol(";") {
			flush(i)
			start = i + 1
		}
	}
	flush(len(toks))
	return out
}

// nextDepth is the bracket depth after t, never below zero (a stray
// closer does not hide the rest of the input).
func nextDepth(t Token, depth int) int {
	switch {
	case t.IsSymbol("(") || t.IsSymbol("["):
		return depth + 1
	case (t.IsSymbol(")") || t.IsSymbol("]")) && depth > 0:
		return depth - 1
	}
	return depth
}

// Depths gives each token's parenthesis and bracket depth: the depth
// inside which it stands, so an opener and its closer share one depth.
func Depths(toks []Token) []int {
	out := make([]int, len(toks))
	depth := 0
	for i, t := range toks {
		if (t.IsSymbol(")") || t.IsSymbol("]")) && depth > 0 {
			depth--
		}
		out[i] = depth
		if t.IsSymbol("(") || t.IsSymbol("[") {
			depth++
		}
	}
	return out
}

// MatchingParen is the index of the token closing the ( or [ at toks[i],
// or -1 when toks[i] opens nothing or is never closed.
func MatchingParen(toks []Token, i int) int {
	if i < 0 || i >= len(toks) {
		return -1
	}
	open := toks[i].Text
	closer := map[string]string{"(": ")", "[": "]"}[open]
	if closer == "" || toks[i].Kind != Punct {
		return -1
	}
	depth := 0
	for j := i; j < len(toks); j++ {
		switch {
		case toks[j].IsSymbol(open):
			depth++
		case toks[j].IsSymbol(closer):
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// MatchingParenOrLast is MatchingParen, but len(toks)-1 when the parenthesis
// is never closed: translators then run to the end of the input instead of
// stopping, and the server reports the unclosed parenthesis at its place.
func MatchingParenOrLast(toks []Token, i int) int {
	if j := MatchingParen(toks, i); j >= 0 {
		return j
	}
	return len(toks) - 1
}
