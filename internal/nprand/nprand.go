// Package nprand reproduces, bit for bit, the legacy random stream of numpy's
// np.random.seed / np.random.RandomState: the stream behind the tutorial's
// Theta initialization (np.random.rand) and scikit-learn's make_moons,
// make_circles and KFold.
//
// The generator is MT19937, seeded the way numpy seeds it from one integer:
//
//	key[0] = seed
//	key[i] = 1812433253 * (key[i-1] XOR (key[i-1] >> 30)) + i   (mod 2^32)
//
// and on it numpy's legacy draws:
//
//	Float64:  a = next32 >> 5, b = next32 >> 6, (a*2^26 + b) / 2^53
//	Normal:   polar Box-Muller; x1, x2 = 2u-1 until 0 < r2 = x1² + x2² < 1,
//	          f = sqrt(-2 log(r2) / r2), return f x2 and keep f x1 for the next call
//	Interval: a draw in [0, max]: mask = max with every lower bit set,
//	          redraw next32 & mask while it exceeds max
//	Shuffle:  for i = n-1 down to 1: swap i and Interval(i)
//
// Users of ann never call this package: the packages that draw random numbers
// take a plain seed and make their own State.
package nprand

import "math"

const (
	n         = 624
	m         = 397
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff
)

// State is one numpy RandomState. Its zero value is not ready; use New.
type State struct {
	key      [n]uint32
	pos      int
	hasGauss bool
	gauss    float64
}

// New returns the state of np.random.seed(seed) (equivalently RandomState(seed)).
func New(seed uint32) *State {
	s := new(State)
	s.key[0] = seed
	for i := 1; i < n; i++ {
		prev := s.key[i-1]
		s.key[i] = 1812433253*(prev^(prev>>30)) + uint32(i)
	}
	s.pos = n
	return s
}

// generate refills the key with the next 624 words (the MT19937 twist).
func (s *State) generate() {
	mag := func(y uint32) uint32 { return -(y & 1) & matrixA }
	var i int
	for i = 0; i < n-m; i++ {
		y := s.key[i]&upperMask | s.key[i+1]&lowerMask
		s.key[i] = s.key[i+m] ^ y>>1 ^ mag(y)
	}
	for ; i < n-1; i++ {
		y := s.key[i]&upperMask | s.key[i+1]&lowerMask
		s.key[i] = s.key[i+m-n] ^ y>>1 ^ mag(y)
	}
	y := s.key[n-1]&upperMask | s.key[0]&lowerMask
	s.key[n-1] = s.key[m-1] ^ y>>1 ^ mag(y)
	s.pos = 0
}

// Uint32 returns the next 32-bit output of MT19937 (after tempering).
func (s *State) Uint32() uint32 {
	if s.pos == n {
		s.generate()
	}
	y := s.key[s.pos]
	s.pos++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// Uint64 returns two 32-bit outputs joined, the first in the high half, as
// numpy's legacy next_uint64 does.
func (s *State) Uint64() uint64 {
	hi := uint64(s.Uint32())
	return hi<<32 | uint64(s.Uint32())
}

// Float64 returns a uniform draw in [0, 1) with 53 random bits, numpy's
// random_sample (what np.random.rand returns).
func (s *State) Float64() float64 {
	a := s.Uint32() >> 5
	b := s.Uint32() >> 6
	return (float64(float64(a)*67108864.0) + float64(b)) / 9007199254740992.0
}

// Gauss returns a standard normal draw by numpy's legacy polar method: each
// accepted pair of uniforms yields two values, the second kept for the next call.
func (s *State) Gauss() float64 {
	if s.hasGauss {
		s.hasGauss = false
		g := s.gauss
		s.gauss = 0
		return g
	}
	for {
		x1 := 2*s.Float64() - 1
		x2 := 2*s.Float64() - 1
		// The explicit conversions forbid a fused multiply-add, which could
		// round r2 differently, flip a rejection and shift the whole stream.
		r2 := float64(x1*x1) + float64(x2*x2)
		if r2 >= 1 || r2 == 0 {
			continue
		}
		f := math.Sqrt(-2 * math.Log(r2) / r2)
		s.gauss = f * x1
		s.hasGauss = true
		return f * x2
	}
}

// Normal returns loc + scale*g for a standard normal g, numpy's legacy
// normal(loc, scale).
func (s *State) Normal(loc, scale float64) float64 {
	return loc + float64(scale*s.Gauss()) // no FMA: see Gauss
}

// Interval returns a uniform integer in [0, max], numpy's random_interval: it
// masks draws to max's bit length and rejects those above max.
func (s *State) Interval(max uint64) uint64 {
	if max == 0 {
		return 0
	}
	mask := max
	mask |= mask >> 1
	mask |= mask >> 2
	mask |= mask >> 4
	mask |= mask >> 8
	mask |= mask >> 16
	mask |= mask >> 32
	if max <= math.MaxUint32 {
		for {
			if v := uint64(s.Uint32()) & mask; v <= max {
				return v
			}
		}
	}
	for {
		if v := s.Uint64() & mask; v <= max {
			return v
		}
	}
}

// Shuffle permutes n items in place the way numpy's legacy shuffle does,
// calling swap(i, j) for i = n-1 down to 1.
func (s *State) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		j := int(s.Interval(uint64(i)))
		swap(i, j)
	}
}

// Permutation returns a shuffled 0, 1, ..., n-1, numpy's permutation(n).
func (s *State) Permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	s.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
