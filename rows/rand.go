package rows

// The factory's randomness is a pure function of (seed, table, column, row,
// attempt): a 64-bit FNV-1a hash of the names picks a stream, splitmix64
// walks it. No global state, so every machine and run agree.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

// hashString folds s into an FNV-1a hash h, followed by a 0 separator so
// ("ab","c") and ("a","bc") differ.
func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0
	h *= fnvPrime
	return h
}

// columnHash identifies one column's stream of values under a seed.
func columnHash(seed int64, table, column string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < 8; i++ {
		h ^= uint64(byte(seed >> (8 * i)))
		h *= fnvPrime
	}
	return hashString(hashString(h, table), column)
}

// rng is a splitmix64 generator.
type rng struct{ s uint64 }

// newRNG starts the stream of one cell.
func newRNG(col uint64, row, attempt int) rng {
	s := col ^ mix(uint64(row)+1)
	if attempt > 0 {
		s ^= mix(uint64(attempt) * golden)
	}
	return rng{s: s}
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *rng) next() uint64 {
	r.s += golden
	return mix(r.s)
}

// intn returns a value in [0, n); n must be > 0.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a value in [lo, hi].
func (r *rng) between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + int64(r.next()%uint64(hi-lo+1))
}

const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// appendAlnum appends n random letters and digits.
func (r *rng) appendAlnum(b []byte, n int) []byte {
	x := r.next()
	for i := 0; i < n; i++ {
		if i > 0 && i%10 == 0 {
			x = r.next()
		}
		b = append(b, alnum[x%62])
		x /= 62
	}
	return b
}
