package kernel

import (
	"math"

	"github.com/ann-go/ann/sigmoid"
)

// Sigmoid returns g(z) = 1 / (1 + e^(-z)) like sigmoid.G, with a faster
// exponential: a 256-entry table of 2^(j/256) and a short polynomial instead
// of math.Exp. It agrees with sigmoid.G to within two units in the last place
// (the tests hold it to 5e-16, relative), not bit for bit. Training and
// prediction in package fast use it for speed; the plain network.Forward uses
// sigmoid.G.
func Sigmoid(z float64) float64 { return 1 / (1 + exp(-z)) }

// SigmoidInPlace sets each z[i] to g(z[i]) as Sigmoid does, but two elements at a
// time, with one division for both:
//
//	1/p = q r,  1/q = p r,  r = 1/(p q),  p = 1 + e^(-z_i), q = 1 + e^(-z_(i+1))
//
// A division costs about as much as the rest of a sigmoid's arithmetic, so
// this is faster, and the extra roundings leave each result within about one
// more ulp of sigmoid.G than Sigmoid's (the tests hold it to 7e-16, relative). A pair
// with an element below -354, where p q could overflow, or outside Sigmoid's
// fast range, takes Sigmoid, as does the last element of an odd length.
//
// Built with GOEXPERIMENT=simd on amd64, on a processor with AVX2, it does two
// pairs at a time in vector registers (sigmoid_simd.go), with bitwise the same
// results.
func SigmoidInPlace(z []float64) {
	i := sigmoidPairsVector(z)
	n := len(z) &^ 1
	pairs(z[i:n])
	if n < len(z) {
		z[n] = Sigmoid(z[n])
	}
}

// pairs does SigmoidInPlace's work on z, of even length, one pair at a time.
func pairs(z []float64) {
	for i := 0; i+1 < len(z); i += 2 {
		x, y := -z[i], -z[i+1]
		if x > expMin && x < pairMax && y > expMin && y < pairMax {
			p, q := 1+expReduced(x), 1+expReduced(y)
			r := 1 / (p * q)
			z[i], z[i+1] = q*r, p*r
		} else {
			z[i], z[i+1] = Sigmoid(z[i]), Sigmoid(z[i+1])
		}
	}
}

// pairMax bounds x = -z in SigmoidInPlace: p, q < 1 + e^354, so p q stays below
// about e^708 (the largest float64 is about e^709.8) and r above the smallest
// normal number.
const pairMax = 354

// exp returns e^x, within two units in the last place of math.Exp. Outside
// (expMin, expMax), where the result is near overflow or subnormal, and for
// NaN, it calls math.Exp.
func exp(x float64) float64 {
	if !(x > expMin && x < expMax) {
		return math.Exp(x)
	}
	return expReduced(x)
}

// expReduced returns e^x for x in (expMin, expMax). It writes
// x = (n/N) ln 2 + r with N = 256 and |r| <= ln 2 / 2N, so that
//
//	e^x = 2^(n/N) e^r = 2^⌊n/N⌋ · 2^((n mod N)/N) · e^r
//
// takes the middle factor from a table, builds the first in the exponent
// bits, and computes e^r - 1 by its Taylor series to r⁴ (the next term is
// below 4e-17 relative). It is written to be just small enough for the
// compiler to inline into SigmoidInPlace's loop.
func expReduced(x float64) float64 {
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
	// e^r - 1 by Estrin's scheme, for shorter chains of dependent operations.
	r2 := r * r
	return scale + scale*(r+r2*(1.0/2+r*(1.0/6))+r2*r2*(1.0/24))
}

const (
	expMin, expMax = -708, 709
	expBits        = 8
	expN           = 1 << expBits
	invLn2N        = expN / math.Ln2
	roundShift     = 0x1.8p52
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

// SigmoidEachInPlace sets each z[i] to Sigmoid(z[i]), bitwise: one division per
// element, unlike SigmoidInPlace. Built with GOEXPERIMENT=simd on amd64, on a
// processor with AVX2, it does four at a time in vector registers.
func SigmoidEachInPlace(z []float64) {
	for i := sigmoidEachVector(z); i < len(z); i++ {
		z[i] = Sigmoid(z[i])
	}
}

// MulSigmoidGradient multiplies each d[i] by sigmoid.GradientFromA(a[i]), a(1 - a):
// backpropagation's δ .* g'(z) with g'(z) from the activations a = g(z).
// Built with GOEXPERIMENT=simd on amd64, on a processor with AVX2, it does
// four at a time in vector registers, bitwise the same. It panics if a is
// shorter than d.
func MulSigmoidGradient(d, a []float64) {
	if len(a) < len(d) {
		panic("kernel: MulSigmoidGradient with fewer activations than deltas")
	}
	a = a[:len(d)]
	for i := mulGradientVector(d, a); i < len(d); i++ {
		d[i] *= sigmoid.GradientFromA(a[i])
	}
}
