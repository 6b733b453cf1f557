package sigmoid

import "math"

// Fast returns g(z) = 1 / (1 + e^(-z)) like G, with a faster exponential: a
// 256-entry table of 2^(j/256) and a short polynomial instead of math.Exp.
// It agrees with G to within two units in the last place (the tests hold it
// to 5e-16, relative), not bit for bit. Training and prediction in ann use it
// for speed; the plain network.Forward uses G.
func Fast(z float64) float64 { return 1 / (1 + exp(-z)) }

// exp returns e^x, within two units in the last place of math.Exp. It
// writes x = (n/N) ln 2 + r with N = 256 and |r| <= ln 2 / 2N, so that
//
//	e^x = 2^(n/N) e^r = 2^⌊n/N⌋ · 2^((n mod N)/N) · e^r
//
// takes the middle factor from a table, builds the first in the exponent
// bits, and computes e^r - 1 by its Taylor series to r⁴ (the next term is
// below 4e-17 relative). Outside (-708, 709), where the result is near
// overflow or subnormal, and for NaN, it calls math.Exp.
func exp(x float64) float64 {
	if !(x > -708 && x < 709) {
		return math.Exp(x)
	}
	// kd = round(x N/ln 2), by adding and removing 1.5·2^52: the addition
	// rounds to an integer, and the low bits of kd's encoding hold it.
	kd := x*invLn2N + roundShift
	ki := math.Float64bits(kd)
	kd -= roundShift
	r := x - kd*ln2HiN - kd*ln2LoN
	// 2^(n/N): the table's entry for n mod N, with n's upper bits shifted
	// into the exponent field (the table entries have j<<45 taken off so
	// that the low bits of n cancel there).
	scale := math.Float64frombits(expTable[ki%expN] + ki<<(52-expBits))
	r2 := r * r
	p := r + r2*(1.0/2+r*(1.0/6)) + r2*r2*(1.0/24) // Estrin's scheme: shorter chains of dependent operations
	return scale + scale*p
}

const (
	expBits    = 8
	expN       = 1 << expBits
	invLn2N    = expN / math.Ln2
	roundShift = 0x1.8p52
	// ln 2 / N split in two, the first with its low 20 bits zero, so that
	// kd·ln2HiN is exact for every |kd| < 2^19 that reaches it.
	ln2HiN = 0x1.62e42fef00000p-9
	ln2LoN = 0x1.473de6af278edp-42
)

// expTable[j] is the encoding of 2^(j/N), minus j<<45.
var expTable = func() (t [expN]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j)/expN)) - uint64(j)<<(52-expBits)
	}
	return t
}()
